import { feedbackStats, figuresCsv } from '../../domain/feedback/stats.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/stats/feedback.csv', async ({ params, query }) =>
  figuresCsv(await feedbackStats(deps(), params.communityId, query.from, query.to)),
);
