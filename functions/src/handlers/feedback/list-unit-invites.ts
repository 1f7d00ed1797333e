import { unitInvites } from '../../domain/feedback/unit-admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/streets/{streetId}/units/{unitId}/invites', async ({ params }) =>
  unitInvites(deps(), params.streetId, params.unitId),
);
