import { listSignups } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';
import { unitRunner } from './unit-runner.js';

export default defineRoute(
  'GET /v1/units/{unitId}/activities/{communityId}/{activityId}/signups',
  async ({ caller, params }) =>
    listSignups(deps(), unitRunner(caller.userId, params.unitId), params.communityId, params.activityId),
);
