import { subscriptionCounts } from '../../domain/messages/inbox.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/me/subscriptions', async ({ caller }) => subscriptionCounts(deps(), caller.userId));
