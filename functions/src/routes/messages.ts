/** The messages context's routes: its slice of the one route table (`../routes.ts`). */
import {
  MarkReadBody,
  MessagePage,
  MessagesQuery,
  SubscriptionCounts,
  SubscriptionGrantBody,
  UnreadMessages,
} from '@linli/shared';
import * as z from 'zod';
import type { RouteSpec } from './spec.js';

const pushParam = z.string().max(512).optional();
/** What WeChat puts in the query of a message push (and of the URL check). */
const WechatPushQuery = z.object({
  signature: pushParam,
  timestamp: pushParam,
  nonce: pushParam,
  echostr: pushParam,
  msg_signature: pushParam,
  encrypt_type: pushParam,
});
const PlainText = z.string();

export const messagesRoutes = {
  'GET /v1/me/messages': {
    context: 'messages',
    summary: '消息: the caller’s messages, newest first, with the unread count',
    access: 'user',
    query: MessagesQuery,
    response: MessagePage,
  },
  'POST /v1/me/messages/read': {
    context: 'messages',
    summary: 'Mark messages read, by ids or all',
    access: 'user',
    body: MarkReadBody,
    response: UnreadMessages,
  },
  'POST /v1/me/subscriptions': {
    context: 'messages',
    summary: 'Report the subscription templates the caller accepted in wx.requestSubscribeMessage (one send each)',
    access: 'user',
    body: SubscriptionGrantBody,
    response: SubscriptionCounts,
  },
  'GET /v1/me/subscriptions': {
    context: 'messages',
    summary: 'How many WeChat messages of each template may still be sent to the caller',
    access: 'user',
    response: SubscriptionCounts,
  },
  'GET /v1/wechat/events': {
    context: 'messages',
    summary: 'WeChat message push: the URL check of the mp console (echoes echostr when signed)',
    access: 'public',
    query: WechatPushQuery,
    response: PlainText,
    produces: 'text/plain',
  },
  'POST /v1/wechat/events': {
    context: 'messages',
    summary: 'WeChat message push (safe mode, JSON): image-check verdicts; answers success',
    access: 'public',
    query: WechatPushQuery,
    body: PlainText,
    bodyFormat: 'text',
    response: PlainText,
    produces: 'text/plain',
  },
} as const satisfies Record<string, RouteSpec>;
