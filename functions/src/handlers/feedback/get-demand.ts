import { demandList } from '../../domain/feedback/demand.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/stats/demand', async ({ params, query }) =>
  demandList(deps(), params.communityId, query.days, query.minCount),
);
