import { requestCredit } from '../../domain/points/credit-requests.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/points/credit-requests',
  async ({ caller, membership, params, body, idempotency }) =>
    requestCredit(deps(), { userId: caller.userId, membership }, params.communityId, body, idempotency),
);
