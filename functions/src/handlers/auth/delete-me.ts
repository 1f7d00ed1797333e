import { deps } from '../../deps.js';
import { deleteMe } from '../../domain/me/me.js';
import { defineRoute } from '../../http/route-handler.js';

export default defineRoute('DELETE /v1/me', async ({ caller }) => deleteMe(deps(), caller.userId));
