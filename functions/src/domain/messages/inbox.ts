import { type MarkReadBody, type SubscriptionGrantBody, UnreadMessages } from '@linli/shared';
import type { MessagesRepository } from '../../data/messages.js';

export interface InboxDeps {
  messages: MessagesRepository;
  now: () => Date;
}

export function listMessages(deps: InboxDeps, userId: string, cursor: string | undefined, limit: number) {
  return deps.messages.list(userId, cursor, limit);
}

export async function markRead(deps: InboxDeps, userId: string, body: MarkReadBody): Promise<UnreadMessages> {
  const unread =
    'all' in body
      ? await deps.messages.markAllRead(userId, deps.now())
      : await deps.messages.markRead(userId, body.ids, deps.now());
  return UnreadMessages.parse({ unread });
}

/** The client reports what the person accepted in `wx.requestSubscribeMessage`: one message each. */
export async function grantSubscriptions(deps: InboxDeps, userId: string, body: SubscriptionGrantBody) {
  await deps.messages.addConsents(userId, body.accepted);
  return { remaining: await deps.messages.consents(userId) };
}

export async function subscriptionCounts(deps: InboxDeps, userId: string) {
  return { remaining: await deps.messages.consents(userId) };
}
