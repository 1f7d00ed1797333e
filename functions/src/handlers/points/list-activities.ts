import { listActivities } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/activities', async ({ caller, params, query }) =>
  listActivities(deps(), caller.userId, params.communityId, query),
);
