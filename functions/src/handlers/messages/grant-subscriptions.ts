import { grantSubscriptions } from '../../domain/messages/inbox.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('POST /v1/me/subscriptions', async ({ caller, body }) =>
  grantSubscriptions(deps(), caller.userId, body),
);
