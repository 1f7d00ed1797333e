import { inviteToUnit } from '../../domain/feedback/unit-admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('POST /v1/streets/{streetId}/units/{unitId}/invites', async ({ caller, params }) =>
  inviteToUnit(deps(), caller.userId, params.streetId, params.unitId),
);
