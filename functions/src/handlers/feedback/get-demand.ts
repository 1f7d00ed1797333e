import { deps } from '../../deps.js';
import { demandList } from '../../domain/feedback/demand.js';
import { defineRoute } from '../../http/route-handler.js';

export default defineRoute('GET /v1/communities/{communityId}/stats/demand', async ({ params, query }) =>
  demandList(deps(), params.communityId, query.days, query.minCount),
);
