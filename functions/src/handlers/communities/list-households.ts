import { listHouseholds } from '../../domain/communities/households.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/households', async ({ params, query }) =>
  listHouseholds(deps(), params.communityId, query),
);
