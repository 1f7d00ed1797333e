import { updateReward } from '../../domain/points/admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('PUT /v1/communities/{communityId}/rewards/{rewardId}', async ({ caller, params, body }) =>
  updateReward(deps(), caller.userId, params.communityId, params.rewardId, body),
);
