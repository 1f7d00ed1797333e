import { unitsServing } from '../../domain/feedback/desks.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/units', async ({ params }) =>
  unitsServing(deps(), params.communityId),
);
