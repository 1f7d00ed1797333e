import { listRewards } from '../../domain/points/rewards.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/rewards', async ({ params }) =>
  listRewards(deps(), params.communityId),
);
