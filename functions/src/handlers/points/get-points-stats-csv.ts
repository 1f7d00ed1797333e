import { pointsStats, pointsStatsCsv } from '../../domain/points/figures.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/stats/points.csv', async ({ params, query }) =>
  pointsStatsCsv(await pointsStats(deps(), params.communityId, query.from, query.to)),
);
