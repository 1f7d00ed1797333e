import { sortingGuide } from '../../domain/points/sorting-guide.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/sorting-guide', async ({ params }) =>
  sortingGuide(deps(), params.communityId),
);
