import { changeStock } from '../../domain/points/admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/rewards/{rewardId}/stock',
  async ({ caller, params, body, idempotency }) =>
    changeStock(deps(), caller.userId, params.communityId, params.rewardId, body, idempotency),
);
