import { communityRunner, confirmAttendance } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/activities/{activityId}/attendance',
  async ({ caller, membership, params, body }) =>
    confirmAttendance(deps(), communityRunner(caller.userId, membership), params.communityId, params.activityId, body),
);
