import { markRead } from '../../domain/messages/inbox.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('POST /v1/me/messages/read', async ({ caller, body }) =>
  markRead(deps(), caller.userId, body),
);
