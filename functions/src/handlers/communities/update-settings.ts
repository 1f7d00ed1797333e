import { updateSettings } from '../../domain/communities/community.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('PUT /v1/communities/{communityId}/settings', async ({ params, body }) =>
  updateSettings(deps(), params.communityId, body),
);
