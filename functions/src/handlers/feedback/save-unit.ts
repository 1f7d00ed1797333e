import { saveUnit } from '../../domain/feedback/unit-admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('PUT /v1/streets/{streetId}/units/{unitId}', async ({ params, body }) =>
  saveUnit(deps(), params.streetId, params.unitId, body),
);
