import { listUnitActivities } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/units/{unitId}/activities', async ({ params, query }) =>
  listUnitActivities(deps(), params.unitId, query),
);
