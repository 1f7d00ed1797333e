import { deps } from '../../deps.js';
import { listStaff } from '../../domain/feedback/queries.js';
import { defineRoute } from '../../http/route-handler.js';

export default defineRoute('GET /v1/communities/{communityId}/staff', async ({ params }) =>
  listStaff(deps(), params.communityId),
);
