import { getActivity } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/activities/{activityId}', async ({ caller, params }) =>
  getActivity(deps(), caller.userId, params.communityId, params.activityId),
);
