import { listMessages } from '../../domain/messages/inbox.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/me/messages', async ({ caller, query }) =>
  listMessages(deps(), caller.userId, query.cursor, query.limit),
);
