import { signInWithWechat } from '../../domain/auth/sign-in.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('POST /v1/auth/wechat', async ({ body }) => signInWithWechat(deps(), body.code));
