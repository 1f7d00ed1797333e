import { communityRunner, issueCheckinCode } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'GET /v1/communities/{communityId}/activities/{activityId}/checkin-code',
  async ({ caller, membership, params }) =>
    issueCheckinCode(deps(), communityRunner(caller.userId, membership), params.communityId, params.activityId),
);
