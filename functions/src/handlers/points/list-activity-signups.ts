import { communityRunner, listSignups } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'GET /v1/communities/{communityId}/activities/{activityId}/signups',
  async ({ caller, membership, params }) =>
    listSignups(deps(), communityRunner(caller.userId, membership), params.communityId, params.activityId),
);
