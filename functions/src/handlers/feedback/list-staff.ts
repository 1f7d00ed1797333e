import { listStaff } from '../../domain/feedback/queries.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/staff', async ({ params }) =>
  listStaff(deps(), params.communityId),
);
