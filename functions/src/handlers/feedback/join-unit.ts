import { access } from '../../deps.js';
import { joinUnit } from '../../domain/feedback/unit-admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('POST /v1/me/units', async ({ caller, body }) => {
  const joined = await joinUnit(deps(), caller.userId, body.code);
  access().forget(caller.userId);
  return joined;
});
