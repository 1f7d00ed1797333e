import { unitMembers } from '../../domain/feedback/unit-admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/streets/{streetId}/units/{unitId}/members', async ({ params }) =>
  unitMembers(deps(), params.streetId, params.unitId),
);
