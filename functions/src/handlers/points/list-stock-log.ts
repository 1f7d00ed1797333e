import { stockLogPage } from '../../domain/points/admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'GET /v1/communities/{communityId}/rewards/{rewardId}/stock-log',
  async ({ params, query }) => stockLogPage(deps(), params.communityId, params.rewardId, query.cursor, query.limit),
);
