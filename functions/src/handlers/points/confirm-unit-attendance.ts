import { confirmAttendance } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';
import { unitRunner } from './unit-runner.js';

export default defineRoute(
  'POST /v1/units/{unitId}/activities/{communityId}/{activityId}/attendance',
  async ({ caller, params, body }) =>
    confirmAttendance(deps(), unitRunner(caller.userId, params.unitId), params.communityId, params.activityId, body),
);
