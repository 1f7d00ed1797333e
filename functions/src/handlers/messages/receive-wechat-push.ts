import { receivePush } from '../../domain/messages/wechat-events.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

/** WeChat's pushes (image-check verdicts); answered `success` once applied. */
export default defineRoute('POST /v1/wechat/events', async ({ query, body }) => receivePush(deps(), query, body));
