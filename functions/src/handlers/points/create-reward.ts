import { createReward } from '../../domain/points/admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/rewards',
  async ({ caller, params, body, idempotency }) =>
    createReward(deps(), caller.userId, params.communityId, body, idempotency),
);
