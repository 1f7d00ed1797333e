import { signInAsPersona } from '../../domain/auth/sign-in.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('POST /v1/auth/dev', async ({ body }) =>
  signInAsPersona(deps(), deps().config.stage, body.persona),
);
