import { homesForOperator } from '../../domain/points/credit-requests.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/points/homes', async ({ params, query }) =>
  homesForOperator(deps(), params.communityId, query),
);
