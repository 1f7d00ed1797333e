import { revokeUnitInvite } from '../../domain/feedback/unit-admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('DELETE /v1/streets/{streetId}/units/{unitId}/invites/{code}', async ({ params }) =>
  revokeUnitInvite(deps(), params.streetId, params.unitId, params.code),
);
