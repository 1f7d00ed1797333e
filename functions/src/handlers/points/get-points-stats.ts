import { pointsStats } from '../../domain/points/figures.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/stats/points', async ({ params, query }) =>
  pointsStats(deps(), params.communityId, query.from, query.to),
);
