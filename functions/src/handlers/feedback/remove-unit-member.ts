import { access } from '../../deps.js';
import { removeUnitMember } from '../../domain/feedback/unit-admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('DELETE /v1/streets/{streetId}/units/{unitId}/members/{userId}', async ({ params }) => {
  const left = await removeUnitMember(deps(), params.streetId, params.unitId, params.userId);
  // At once here; every other container forgets within the minute it remembers for.
  access().forget(params.userId);
  return left;
});
