import { listAllRewards } from '../../domain/points/admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/rewards/all', async ({ params }) =>
  listAllRewards(deps(), params.communityId),
);
