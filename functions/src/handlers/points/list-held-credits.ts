import { listHeldCredits } from '../../domain/points/admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/points/held', async ({ params, query }) =>
  listHeldCredits(deps(), params.communityId, query),
);
