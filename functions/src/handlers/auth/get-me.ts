import { getMe } from '../../domain/me/me.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/me', async ({ caller }) => getMe(deps(), caller.userId));
