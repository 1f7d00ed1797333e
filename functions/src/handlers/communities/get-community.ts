import { getCommunity } from '../../domain/communities/community.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}', async ({ params }) =>
  getCommunity(deps(), params.communityId),
);
