import { adjustBalance } from '../../domain/points/admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/points/adjustments',
  async ({ caller, params, body, idempotency }) =>
    adjustBalance(deps(), caller.userId, params.communityId, body, idempotency),
);
