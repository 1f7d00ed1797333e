import { deps } from '../../deps.js';
import { listHouseholds } from '../../domain/communities/households.js';
import { defineRoute } from '../../http/route-handler.js';

export default defineRoute('GET /v1/communities/{communityId}/households', async ({ params, query }) =>
  listHouseholds(deps(), params.communityId, query),
);
