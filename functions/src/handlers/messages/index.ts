import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { messagesRoutes } from '../../routes/messages.js';
import getSubscriptions from './get-subscriptions.js';
import grantSubscriptions from './grant-subscriptions.js';
import listMessages from './list-messages.js';
import markMessagesRead from './mark-messages-read.js';
import receiveWechatPush from './receive-wechat-push.js';
import verifyWechatPush from './verify-wechat-push.js';

export const handler = contextHandler(
  messagesRoutes,
  [listMessages, markMessagesRead, grantSubscriptions, getSubscriptions, verifyWechatPush, receiveWechatPush],
  config.stage,
);
