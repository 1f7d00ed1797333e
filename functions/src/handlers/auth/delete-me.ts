import { access } from '../../deps.js';
import { deleteMe } from '../../domain/me/me.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('DELETE /v1/me', async ({ caller }) => {
  const deleted = await deleteMe(deps(), caller.userId);
  // This container stops recognising the person now; every other one within a minute (http/access.ts).
  access().forget(caller.userId);
  return deleted;
});
