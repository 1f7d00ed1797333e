import { demandCsv, demandList } from '../../domain/feedback/demand.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/stats/demand.csv', async ({ params, query }) =>
  demandCsv(await demandList(deps(), params.communityId, query.days, query.minCount)),
);
