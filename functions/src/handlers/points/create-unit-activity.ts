import { createUnitActivity } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';
import { unitOf } from './unit-runner.js';

export default defineRoute('POST /v1/units/{unitId}/activities', async ({ caller, params, body, idempotency }) =>
  createUnitActivity(deps(), caller.userId, await unitOf(params.unitId), body, idempotency),
);
