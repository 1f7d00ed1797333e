import { workbenchCounts } from '../../domain/communities/workbench.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/workbench', async ({ membership, params }) =>
  workbenchCounts(deps(), params.communityId, membership),
);
