/**
 * The in-app message centre (消息) and WeChat subscription consents. A
 * message lands in the person's list in the same transaction as the change
 * that causes it; WeChat may carry it too, but only with a consent left.
 */
import * as z from 'zod';
import { Cursor, Id, IsoTime, Limit } from './common.js';

/** One-time subscription templates, by what they are for (ids come from the mp console, per deployment). */
export const SUBSCRIPTION_TEMPLATES = [
  'feedback_accepted',
  'feedback_resolved',
  'feedback_reply',
  'feedback_task',
  'pickup_reminder',
] as const;
export type SubscriptionTemplate = (typeof SUBSCRIPTION_TEMPLATES)[number];

export const SubscriptionTemplateSchema = z.enum(SUBSCRIPTION_TEMPLATES, { error: '订阅消息模板不正确' });

/** What the client reports after `wx.requestSubscribeMessage`: each template the person accepted. */
export const SubscriptionGrantBody = z
  .object({
    accepted: z.array(SubscriptionTemplateSchema).min(1, { error: '至少一项' }).max(3, { error: '一次最多 3 项' }),
  })
  .strict();
export type SubscriptionGrantBody = z.infer<typeof SubscriptionGrantBody>;

/** How many messages of each template the server may still send the caller. */
export const SubscriptionCounts = z.object({
  remaining: z.record(SubscriptionTemplateSchema, z.number().int().min(0)),
});
export type SubscriptionCounts = z.infer<typeof SubscriptionCounts>;

export const MESSAGE_KINDS = [
  'feedback_status',
  'feedback_reply',
  'feedback_task',
  'feedback_overdue',
  'feedback_escalated',
  'photo_hidden',
  'bulletin_important',
  'points_credited',
  'points_adjusted',
  'pickup_waiting',
  'pickup_reminder',
  'pickup_refunded',
  'household_approved',
  'household_rejected',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const Message = z.object({
  messageId: Id,
  kind: z.enum(MESSAGE_KINDS),
  title: z.string(),
  body: z.string(),
  /** The page the message opens, with its query: `packages/feedback/detail/index?communityId=…&reportId=…`. */
  link: z.string().nullable(),
  communityId: Id.nullable(),
  createdAt: IsoTime,
  read: z.boolean(),
});
export type Message = z.infer<typeof Message>;

export const MessagesQuery = z.object({ cursor: Cursor, limit: Limit });

export const MessagePage = z.object({
  items: z.array(Message),
  cursor: z.string().nullable(),
  unread: z.number().int().min(0),
});
export type MessagePage = z.infer<typeof MessagePage>;

export const MarkReadBody = z.union(
  [
    z.object({ ids: z.array(Id).min(1, { error: '至少一条' }).max(100, { error: '一次最多 100 条' }) }).strict(),
    z.object({ all: z.literal(true, { error: '须为 true' }) }).strict(),
  ],
  { error: '须给出 ids 或 all: true' },
);
export type MarkReadBody = z.infer<typeof MarkReadBody>;

export const UnreadMessages = z.object({ unread: z.number().int().min(0) });
export type UnreadMessages = z.infer<typeof UnreadMessages>;
