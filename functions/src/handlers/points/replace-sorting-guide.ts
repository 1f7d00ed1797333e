import { replaceSortingGuide } from '../../domain/points/sorting-guide.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('PUT /v1/communities/{communityId}/sorting-guide', async ({ params, body }) =>
  replaceSortingGuide(deps(), params.communityId, body),
);
