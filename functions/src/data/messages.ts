/**
 * The message centre (消息) and the WeChat outbox, one entity file.
 *
 * A message is written in the same DynamoDB transaction as the change that
 * causes it (`messageItems` gives the transaction items). When WeChat may
 * carry it too, the item is also an outbox entry (`outbox: 'message'`): the
 * stream consumer delivers it after the response, and the outbox sweep
 * retries what is still pending from the sparse gsi5 partition.
 *
 * Items, all in the person's partition (erasure removes them with the person):
 *   USER#<userId> / MSG#<messageId>        one message; gsi5 while its WeChat delivery is pending
 *   USER#<userId> / INBOX                  unread count, and `readAllBefore` (“全部已读”)
 *   USER#<userId> / SUBSCRIBE#<template>   one-time consents left for a template
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MESSAGE_KINDS, type Message, SUBSCRIPTION_TEMPLATES, type SubscriptionTemplate } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { newId } from './keys.js';
import { OUTBOX_PK, OUTBOX_SHARD_LIST, outboxShard } from './outbox.js';
import { batchGetAll } from './query.js';
import { INDEX } from './table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

/** A message kept a year, then gone by TTL. */
const RETENTION_SECONDS = 365 * 24 * 60 * 60;
/** A fresh entry is the stream consumer's; the sweep only takes it up after this (a retry). */
const SWEEP_GRACE_MS = 2 * 60 * 1000;

const PushSchema = z.object({
  template: z.enum(SUBSCRIPTION_TEMPLATES),
  page: z.string(),
  data: z.record(z.string(), z.string()),
  priority: z.number(),
});
export type PushRequest = z.infer<typeof PushSchema>;

const DELIVERY_STATES = ['none', 'pending', 'sending', 'sent', 'no_consent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const MessageSchema = z.object({
  messageId: z.string(),
  userId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().default(null),
  communityId: z.string().nullable().default(null),
  /** WeChat may carry it as this template when the person has a consent left; `priority` orders who gets a scarce one. */
  push: PushSchema.optional(),
  createdAt: z.string(),
  /** Absent until read: marking read is conditioned on its absence. */
  readAt: z.string().nullable().default(null),
  delivery: z.enum(DELIVERY_STATES).default('none'),
  attempts: z.number().default(0),
  nextAttemptAt: z.string().nullable().default(null),
});
export type MessageRecord = z.infer<typeof MessageSchema>;

/** What a change asks to tell a person; the repository turns it into items. */
export interface MessageDraft
  extends Pick<MessageRecord, 'userId' | 'kind' | 'title' | 'body' | 'link' | 'communityId' | 'push'> {
  /** A fixed id makes a repeated fan-out write it once. */
  messageId?: string;
}

const USER_PK = 'USER#{userId}';
/** The id a message goes by in the outbox (its shard, its place in the due order). */
const outboxId = (m: { userId: string; messageId: string }) => `MSG#${m.userId}#${m.messageId}`;

/** One message of 消息; on the outbox index while its WeChat delivery is pending. Its `kind` is the message's. */
export const messages = entity({
  kind: 'message',
  tagged: false,
  doc: "One message of a person's 消息; an outbox entry (gsi5) while WeChat's delivery of it is pending.",
  schema: MessageSchema,
  key: { pk: USER_PK, sk: 'MSG#{messageId}' },
  derived: (m) => ({ shard: outboxShard(outboxId(m)) }),
  indexes: {
    [INDEX.gsi5]: {
      pk: OUTBOX_PK,
      sk: '{nextAttemptAt}#MSG#{userId}#{messageId}',
      when: (m: MessageRecord) => m.delivery === 'pending' && m.nextAttemptAt !== null,
    },
  },
  patterns: {
    ofUser: {
      doc: "A person's messages, newest first (消息).",
      index: 'table',
      pk: USER_PK,
      skPrefix: 'MSG#',
      descending: true,
    },
    outbox: {
      doc: 'Outbox entries of every kind due by now, oldest first: the outbox sweep (messages, photo checks).',
      index: INDEX.gsi5,
      pk: OUTBOX_PK,
    },
  },
  // Absent rather than null: marking read is conditioned on `readAt` not existing.
  toItem: (m) => ({ readAt: m.readAt ?? undefined, nextAttemptAt: m.nextAttemptAt ?? undefined }),
});

/** The unread count and the time of the last “全部已读”; written by ADD and SET only. */
export const inboxes = entity({
  kind: 'inbox',
  doc: "A person's unread count and `readAllBefore` (“全部已读”).",
  schema: z.object({ unread: z.number().default(0), readAllBefore: z.string().nullable().default(null) }),
  key: { pk: USER_PK, sk: 'INBOX' },
});

/** One-time consents a person gave for a template; the template is the key's (early items hold only the count). */
export const consents = entity({
  kind: 'consent',
  doc: 'One-time WeChat consents a person has left for one subscription template.',
  schema: z.object({ count: z.number().default(0) }),
  key: { pk: USER_PK, sk: 'SUBSCRIBE#{template}' },
});

/** The gsi5 keys of a pending message: due at `dueAt`. */
const outboxKeys = (userId: string, messageId: string, dueAt: string) =>
  messages.indexKey(INDEX.gsi5, {
    shard: outboxShard(outboxId({ userId, messageId })),
    nextAttemptAt: dueAt,
    userId,
    messageId,
  });

export function createMessagesRepository(table: TableRef) {
  const TableName = table.tableName;

  /**
   * The transaction items that put `drafts` into their people's lists: one
   * Put each and one unread counter update per person (a transaction may
   * touch an item once). Append them after the change's own items.
   */
  function messageItems(drafts: readonly MessageDraft[], now: Date): TransactItem[] {
    const at = now.toISOString();
    const expiresAt = Math.floor(now.getTime() / 1000) + RETENTION_SECONDS;
    const puts: TransactItem[] = drafts.map((d) => {
      const due = new Date(now.getTime() + SWEEP_GRACE_MS).toISOString();
      const record: MessageRecord = {
        messageId: d.messageId ?? newId(now),
        userId: d.userId,
        kind: d.kind,
        title: d.title,
        body: d.body,
        link: d.link,
        communityId: d.communityId,
        ...(d.push ? { push: d.push } : {}),
        createdAt: at,
        readAt: null,
        delivery: d.push ? 'pending' : 'none',
        attempts: 0,
        nextAttemptAt: d.push ? due : null,
      };
      return {
        Put: {
          TableName,
          Item: {
            ...messages.item(record),
            expiresAt,
            ...(d.push ? { outbox: 'message' } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    });
    const perUser = new Map<string, number>();
    for (const d of drafts) perUser.set(d.userId, (perUser.get(d.userId) ?? 0) + 1);
    const counters: TransactItem[] = [...perUser].map(([userId, n]) => ({
      Update: {
        TableName,
        Key: inboxes.key({ userId }),
        UpdateExpression: 'SET kind = :kind ADD unread :n',
        ExpressionAttributeValues: { ':n': n, ':kind': inboxes.kind },
      },
    }));
    return [...puts, ...counters];
  }

  async function inbox(userId: string): Promise<{ unread: number; readAllBefore: string | null }> {
    const out = await table.doc.send(new GetCommand({ TableName, Key: inboxes.key({ userId }), ConsistentRead: true }));
    const box = out.Item ? inboxes.parse(out.Item) : { unread: 0, readAllBefore: null };
    return { unread: Math.max(0, box.unread), readAllBefore: box.readAllBefore };
  }

  const isRead = (m: MessageRecord, readAllBefore: string | null) =>
    m.readAt !== null || (readAllBefore !== null && m.createdAt <= readAllBefore);

  const toMessage = (m: MessageRecord, readAllBefore: string | null): Message => ({
    messageId: m.messageId,
    kind: m.kind,
    title: m.title,
    body: m.body,
    link: m.link,
    communityId: m.communityId,
    createdAt: m.createdAt,
    read: isRead(m, readAllBefore),
  });

  return {
    messageItems,

    /** Writes messages on their own (a fan-out or a notice with no other change); one already written is skipped. */
    async put(drafts: readonly MessageDraft[], now: Date): Promise<void> {
      for (const draft of drafts) {
        try {
          await writeTransaction(table, messageItems([draft], now));
        } catch (error) {
          if (!(error instanceof TransactionRefused && error.failed(0))) throw error;
        }
      }
    },

    /** A person's messages, newest first, with the unread count. */
    async list(userId: string, cursor: string | undefined, limit: number) {
      const [page, box] = await Promise.all([
        messages.page(
          table,
          'ofUser',
          { userId },
          {
            cursor,
            limit,
            // TTL deletes late: a message past its year is not shown.
            filter: {
              expression: 'attribute_not_exists(expiresAt) OR expiresAt > :now',
              values: { ':now': Math.floor(Date.now() / 1000) },
            },
          },
        ),
        inbox(userId),
      ]);
      return {
        items: page.items.map((m) => toMessage(m, box.readAllBefore)),
        cursor: page.cursor,
        unread: box.unread,
      };
    },

    async unread(userId: string): Promise<number> {
      return (await inbox(userId)).unread;
    },

    /**
     * Marks messages read; each one only once, so the count never goes
     * below what is really unread. Unknown ids are ignored.
     */
    async markRead(userId: string, messageIds: readonly string[], now: Date): Promise<number> {
      const found = (
        await batchGetAll(
          table,
          [...new Set(messageIds)].map((messageId) => messages.key({ userId, messageId })),
        )
      ).map(messages.parse);
      const box = await inbox(userId);
      for (const m of found.filter((m) => !isRead(m, box.readAllBefore))) {
        try {
          await writeTransaction(table, [
            {
              Update: {
                TableName,
                Key: messages.key({ userId, messageId: m.messageId }),
                UpdateExpression: 'SET readAt = :now',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(readAt)',
                ExpressionAttributeValues: { ':now': now.toISOString() },
              },
            },
            {
              Update: {
                TableName,
                Key: inboxes.key({ userId }),
                UpdateExpression: 'ADD unread :minus',
                // A “全部已读” since the read above already counted this one.
                ConditionExpression:
                  '(attribute_not_exists(readAllBefore) OR readAllBefore < :created) AND unread > :zero',
                ExpressionAttributeValues: { ':minus': -1, ':created': m.createdAt, ':zero': 0 },
              },
            },
          ]);
        } catch (error) {
          if (!(error instanceof TransactionRefused)) throw error;
        }
      }
      return (await inbox(userId)).unread;
    },

    /** “全部已读”: everything up to now counts as read, in one write. */
    async markAllRead(userId: string, now: Date): Promise<number> {
      await table.doc.send(
        new UpdateCommand({
          TableName,
          Key: inboxes.key({ userId }),
          UpdateExpression: 'SET unread = :zero, readAllBefore = :now',
          ExpressionAttributeValues: { ':zero': 0, ':now': now.toISOString() },
        }),
      );
      return 0;
    },

    async get(userId: string, messageId: string): Promise<MessageRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: messages.key({ userId, messageId }), ConsistentRead: true }),
      );
      return out.Item ? messages.parse(out.Item) : undefined;
    },

    /**
     * Which of these messages exist, as `userId/messageId`, read 100 at a time in one BatchGet each (consistent,
     * keys only): what a sweep with a fixed message id per item skips, without a round trip per item.
     */
    async existing(ids: readonly { userId: string; messageId: string }[]): Promise<Set<string>> {
      const found = await batchGetAll(
        table,
        ids.map((id) => messages.key(id)),
        'userId, messageId',
        true,
      );
      return new Set(found.map((m) => `${m.userId}/${m.messageId}`));
    },

    /** Takes a pending delivery for this attempt; false when someone else has it or it is done. */
    async claimDelivery(userId: string, messageId: string): Promise<boolean> {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: messages.key({ userId, messageId }),
            UpdateExpression: 'SET delivery = :sending REMOVE gsi5pk, gsi5sk',
            ConditionExpression: 'delivery = :pending',
            ExpressionAttributeValues: { ':pending': 'pending', ':sending': 'sending' },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    /** Ends a claimed delivery: sent, refused for good, or back to pending for a retry at `retryAt`. */
    async settleDelivery(
      userId: string,
      messageId: string,
      outcome: { state: 'sent' | 'no_consent' | 'failed' } | { state: 'pending'; retryAt: Date },
    ): Promise<void> {
      const retry = outcome.state === 'pending';
      const due = retry ? outcome.retryAt.toISOString() : null;
      await table.doc.send(
        new UpdateCommand({
          TableName,
          Key: messages.key({ userId, messageId }),
          UpdateExpression: retry
            ? 'SET delivery = :state, nextAttemptAt = :due, gsi5pk = :gpk, gsi5sk = :gsk ADD attempts :one'
            : 'SET delivery = :state, nextAttemptAt = :none ADD attempts :one',
          ConditionExpression: 'delivery = :sending',
          ExpressionAttributeValues: {
            ':state': outcome.state,
            ':sending': 'sending',
            ':one': 1,
            ...(retry && due
              ? (() => {
                  const index = outboxKeys(userId, messageId, due);
                  return { ':due': due, ':gpk': index.gsi5pk, ':gsk': index.gsi5sk };
                })()
              : { ':none': null }),
          },
        }),
      );
    },

    /** Outbox entries of every kind due by `now` (retries), oldest first per partition: raw, each kind's own to parse. */
    async dueOutbox(now: Date, limit: number): Promise<Record<string, unknown>[]> {
      const pages = await Promise.all(
        OUTBOX_SHARD_LIST.map((shard) =>
          messages.rawPage(table, 'outbox', { shard }, { to: `${now.toISOString()}#~`, limit }),
        ),
      );
      return pages.flatMap((p) => p.items);
    },

    /** One-time consents a person gave on a tap (each allows WeChat to carry one message). */
    async addConsents(userId: string, templates: readonly SubscriptionTemplate[]): Promise<void> {
      const counts = new Map<SubscriptionTemplate, number>();
      for (const t of templates) counts.set(t, (counts.get(t) ?? 0) + 1);
      await writeTransaction(
        table,
        [...counts].map(([template, n]) => ({
          Update: {
            TableName,
            Key: consents.key({ userId, template }),
            UpdateExpression: 'SET kind = :kind ADD #c :n',
            ExpressionAttributeNames: { '#c': 'count' },
            ExpressionAttributeValues: { ':n': n, ':kind': consents.kind },
          },
        })),
      );
    },

    async consents(userId: string): Promise<Record<SubscriptionTemplate, number>> {
      const items = await batchGetAll(
        table,
        SUBSCRIPTION_TEMPLATES.map((template) => consents.key({ userId, template })),
      );
      const remaining = Object.fromEntries(SUBSCRIPTION_TEMPLATES.map((t) => [t, 0])) as Record<
        SubscriptionTemplate,
        number
      >;
      for (const item of items) {
        const template = String(item.sk).slice('SUBSCRIBE#'.length) as SubscriptionTemplate;
        if (template in remaining) remaining[template] = Math.max(0, consents.parse(item).count);
      }
      return remaining;
    },

    /** Uses one consent; false when none is left (the message must not go to WeChat). */
    async spendConsent(userId: string, template: SubscriptionTemplate): Promise<boolean> {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: consents.key({ userId, template }),
            UpdateExpression: 'ADD #c :minus',
            ConditionExpression: '#c > :zero',
            ExpressionAttributeNames: { '#c': 'count' },
            ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    /** Gives back a consent a failed send did not use. */
    async refundConsent(userId: string, template: SubscriptionTemplate): Promise<void> {
      await table.doc.send(
        new UpdateCommand({
          TableName,
          Key: consents.key({ userId, template }),
          UpdateExpression: 'ADD #c :one',
          ExpressionAttributeNames: { '#c': 'count' },
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    },

    /** WeChat says none is left (43101): our count was wrong, so it is zero now. */
    async clearConsents(userId: string, template: SubscriptionTemplate): Promise<void> {
      await table.doc.send(
        new UpdateCommand({
          TableName,
          Key: consents.key({ userId, template }),
          UpdateExpression: 'SET #c = :zero',
          ExpressionAttributeNames: { '#c': 'count' },
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      );
    },
  };
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
