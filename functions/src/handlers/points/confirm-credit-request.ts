import { confirmCreditRequest } from '../../domain/points/credit-requests.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/points/me/credit-requests/{requestId}/confirm',
  async ({ caller, params, idempotency }) =>
    confirmCreditRequest(deps(), { userId: caller.userId }, params.communityId, params.requestId, idempotency),
);
