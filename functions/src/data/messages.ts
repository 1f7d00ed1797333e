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
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Message, type MessageKind, SUBSCRIPTION_TEMPLATES, type SubscriptionTemplate } from '@linli/shared';
import type { TableRef } from './client.js';
import { newId } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { batchGetAll } from './query.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

/** A message kept a year, then gone by TTL. */
const RETENTION_SECONDS = 365 * 24 * 60 * 60;
/** The outbox partitions of gsi5: spread so a busy exchange day writes to more than one. */
const OUTBOX_SHARDS = 4;
/** A fresh entry is the stream consumer's; the sweep only takes it up after this (a retry). */
const SWEEP_GRACE_MS = 2 * 60 * 1000;

/** What a change asks to tell a person; the repository turns it into items. */
export interface MessageDraft {
  userId: string;
  kind: MessageKind;
  title: string;
  body: string;
  link: string | null;
  communityId: string | null;
  /** WeChat may carry it as this template when the person has a consent left; `priority` orders who gets a scarce one. */
  push?: PushRequest;
  /** A fixed id makes a repeated fan-out write it once. */
  messageId?: string;
}

export interface PushRequest {
  template: SubscriptionTemplate;
  page: string;
  data: Record<string, string>;
  priority: number;
}

export type DeliveryState = 'none' | 'pending' | 'sending' | 'sent' | 'no_consent' | 'failed';

export interface MessageRecord extends Omit<MessageDraft, 'messageId'> {
  messageId: string;
  createdAt: string;
  readAt: string | null;
  delivery: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
}

const pk = (userId: string) => `USER#${userId}`;
const messageKey = (userId: string, messageId: string) => ({ pk: pk(userId), sk: `MSG#${messageId}` });
const inboxKey = (userId: string) => ({ pk: pk(userId), sk: 'INBOX' });
const consentKey = (userId: string, template: string) => ({ pk: pk(userId), sk: `SUBSCRIBE#${template}` });

function shardOf(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % OUTBOX_SHARDS;
}

/** The gsi5 keys of a pending outbox entry of any kind: due at `dueAt`. */
export function outboxIndex(id: string, dueAt: string) {
  return { gsi5pk: `OUTBOX#${shardOf(id)}`, gsi5sk: `${dueAt}#${id}` };
}

export const OUTBOX_PARTITIONS = Array.from({ length: OUTBOX_SHARDS }, (_, i) => `OUTBOX#${i}`);

function toRecord(item: Record<string, unknown>): MessageRecord {
  return {
    messageId: item.messageId as string,
    userId: item.userId as string,
    kind: item.kind as MessageKind,
    title: item.title as string,
    body: item.body as string,
    link: (item.link as string | undefined) ?? null,
    communityId: (item.communityId as string | undefined) ?? null,
    ...(item.push ? { push: item.push as PushRequest } : {}),
    createdAt: item.createdAt as string,
    readAt: (item.readAt as string | undefined) ?? null,
    delivery: (item.delivery as DeliveryState | undefined) ?? 'none',
    attempts: (item.attempts as number | undefined) ?? 0,
    nextAttemptAt: (item.nextAttemptAt as string | undefined) ?? null,
  };
}

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
      const messageId = d.messageId ?? newId(now);
      const due = new Date(now.getTime() + SWEEP_GRACE_MS).toISOString();
      return {
        Put: {
          TableName,
          Item: {
            ...messageKey(d.userId, messageId),
            messageId,
            userId: d.userId,
            kind: d.kind,
            title: d.title,
            body: d.body,
            link: d.link,
            communityId: d.communityId,
            createdAt: at,
            expiresAt,
            ...(d.push
              ? {
                  push: d.push,
                  outbox: 'message',
                  delivery: 'pending',
                  attempts: 0,
                  nextAttemptAt: due,
                  ...outboxIndex(`MSG#${d.userId}#${messageId}`, due),
                }
              : { delivery: 'none' }),
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
        Key: inboxKey(userId),
        UpdateExpression: 'ADD unread :n',
        ExpressionAttributeValues: { ':n': n },
      },
    }));
    return [...puts, ...counters];
  }

  async function inbox(userId: string): Promise<{ unread: number; readAllBefore: string | null }> {
    const out = await table.doc.send(new GetCommand({ TableName, Key: inboxKey(userId), ConsistentRead: true }));
    return {
      unread: Math.max(0, (out.Item?.unread as number | undefined) ?? 0),
      readAllBefore: (out.Item?.readAllBefore as string | undefined) ?? null,
    };
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
      const [out, box] = await Promise.all([
        table.doc.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
            FilterExpression: 'attribute_not_exists(expiresAt) OR expiresAt > :now',
            ExpressionAttributeValues: {
              ':pk': pk(userId),
              ':msg': 'MSG#',
              ':now': Math.floor(Date.now() / 1000),
            },
            ScanIndexForward: false,
            Limit: limit,
            ExclusiveStartKey: decodeCursor(cursor, { pk: pk(userId) }),
          }),
        ),
        inbox(userId),
      ]);
      return {
        items: (out.Items ?? []).map((i) => toMessage(toRecord(i), box.readAllBefore)),
        cursor: encodeCursor(out.LastEvaluatedKey),
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
          [...new Set(messageIds)].map((id) => messageKey(userId, id)),
        )
      ).map(toRecord);
      const box = await inbox(userId);
      for (const m of found.filter((m) => !isRead(m, box.readAllBefore))) {
        try {
          await writeTransaction(table, [
            {
              Update: {
                TableName,
                Key: messageKey(userId, m.messageId),
                UpdateExpression: 'SET readAt = :now',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(readAt)',
                ExpressionAttributeValues: { ':now': now.toISOString() },
              },
            },
            {
              Update: {
                TableName,
                Key: inboxKey(userId),
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
          Key: inboxKey(userId),
          UpdateExpression: 'SET unread = :zero, readAllBefore = :now',
          ExpressionAttributeValues: { ':zero': 0, ':now': now.toISOString() },
        }),
      );
      return 0;
    },

    async get(userId: string, messageId: string): Promise<MessageRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: messageKey(userId, messageId), ConsistentRead: true }),
      );
      return out.Item ? toRecord(out.Item) : undefined;
    },

    /** Takes a pending delivery for this attempt; false when someone else has it or it is done. */
    async claimDelivery(userId: string, messageId: string): Promise<boolean> {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: messageKey(userId, messageId),
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
          Key: messageKey(userId, messageId),
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
                  const index = outboxIndex(`MSG#${userId}#${messageId}`, due);
                  return { ':due': due, ':gpk': index.gsi5pk, ':gsk': index.gsi5sk };
                })()
              : { ':none': null }),
          },
        }),
      );
    },

    /** Outbox entries of every kind due by `now` (retries), oldest first per partition. */
    async dueOutbox(now: Date, limit: number): Promise<Record<string, unknown>[]> {
      const pages = await Promise.all(
        OUTBOX_PARTITIONS.map((partition) =>
          table.doc.send(
            new QueryCommand({
              TableName,
              IndexName: 'gsi5',
              KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk <= :now',
              ExpressionAttributeValues: { ':pk': partition, ':now': `${now.toISOString()}#~` },
              Limit: limit,
            }),
          ),
        ),
      );
      return pages.flatMap((p) => p.Items ?? []);
    },

    toRecord,

    /** One-time consents a person gave on a tap (each allows WeChat to carry one message). */
    async addConsents(userId: string, templates: readonly SubscriptionTemplate[]): Promise<void> {
      const counts = new Map<SubscriptionTemplate, number>();
      for (const t of templates) counts.set(t, (counts.get(t) ?? 0) + 1);
      await writeTransaction(
        table,
        [...counts].map(([template, n]) => ({
          Update: {
            TableName,
            Key: consentKey(userId, template),
            UpdateExpression: 'ADD #c :n',
            ExpressionAttributeNames: { '#c': 'count' },
            ExpressionAttributeValues: { ':n': n },
          },
        })),
      );
    },

    async consents(userId: string): Promise<Record<SubscriptionTemplate, number>> {
      const items = await batchGetAll(
        table,
        SUBSCRIPTION_TEMPLATES.map((t) => consentKey(userId, t)),
      );
      const remaining = Object.fromEntries(SUBSCRIPTION_TEMPLATES.map((t) => [t, 0])) as Record<
        SubscriptionTemplate,
        number
      >;
      for (const item of items) {
        const template = String(item.sk).slice('SUBSCRIBE#'.length) as SubscriptionTemplate;
        if (template in remaining) remaining[template] = Math.max(0, (item.count as number | undefined) ?? 0);
      }
      return remaining;
    },

    /** Uses one consent; false when none is left (the message must not go to WeChat). */
    async spendConsent(userId: string, template: SubscriptionTemplate): Promise<boolean> {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: consentKey(userId, template),
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
          Key: consentKey(userId, template),
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
          Key: consentKey(userId, template),
          UpdateExpression: 'SET #c = :zero',
          ExpressionAttributeNames: { '#c': 'count' },
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      );
    },
  };
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
