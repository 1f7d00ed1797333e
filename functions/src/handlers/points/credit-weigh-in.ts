import { creditWeighIn } from '../../domain/points/credit.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/points/credits',
  async ({ caller, membership, params, body, idempotency }) =>
    creditWeighIn(deps(), { userId: caller.userId, membership }, params.communityId, body, idempotency),
);
