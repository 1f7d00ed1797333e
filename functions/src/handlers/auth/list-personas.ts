import { listPersonas } from '../../domain/auth/sign-in.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/auth/dev/personas', async () => listPersonas(deps(), deps().config.stage));
