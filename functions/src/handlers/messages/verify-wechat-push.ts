import { verifyPushUrl } from '../../domain/messages/wechat-events.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

/** The mp console's check of the message-push URL. */
export default defineRoute('GET /v1/wechat/events', async ({ query }) => verifyPushUrl(deps(), query));
