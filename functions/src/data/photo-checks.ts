/**
 * WeChat's asynchronous image check (media_check_async), as outbox entries.
 *
 * A photo to check is written in the same transaction as the record that
 * shows it (a report, a bulletin, a reward). The outbox consumer asks WeChat
 * and keeps the trace id; WeChat's verdict arrives later at the message-push
 * endpoint, which applies it once per trace id. A risky photo is added to the
 * owner item's `riskyPhotos` set: views hide it from residents and mark it
 * for staff. Nothing ever waits for a verdict.
 *
 *   PHOTOCHECK#<photoKey> / CHECK   the check; gsi5 while it waits to be sent to WeChat
 *   WXTRACE#<traceId>    / TRACE    which photo a trace id is about; `handledAt` once its verdict is applied
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { OUTBOX_PK, outboxShard } from './outbox.js';
import { INDEX } from './table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

const SWEEP_GRACE_MS = 2 * 60 * 1000;
const RETENTION_SECONDS = 90 * 24 * 60 * 60;

/** The item that shows the photo, and how to mark it. */
const PhotoOwnerSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  /** Records written under optimistic concurrency get their version bumped, so a stale write cannot drop the mark. */
  versioned: z.boolean(),
  /** Who is told when the photo is hidden, and where the message links to. */
  notify: z
    .object({
      userId: z.string(),
      /** The community the message is about; null for a street's (a street bulletin's picture). */
      communityId: z.string().nullable(),
      link: z.string().nullable(),
      what: z.string(),
    })
    .nullable(),
});
export type PhotoOwner = z.infer<typeof PhotoOwnerSchema>;

const PHOTO_CHECK_STATUSES = ['queued', 'sending', 'checking', 'pass', 'risky', 'review', 'skipped', 'failed'] as const;
export type PhotoCheckStatus = (typeof PHOTO_CHECK_STATUSES)[number];

export const PhotoCheckSchema = z.object({
  photoKey: z.string(),
  /** The uploader's openid: version 2 of the check needs someone who used the mini-program lately. */
  openid: z.string().nullable().default(null),
  owner: PhotoOwnerSchema,
  status: z.enum(PHOTO_CHECK_STATUSES),
  attempts: z.number().default(0),
  traceId: z.string().nullable().default(null),
  createdAt: z.string(),
  /** When the outbox sweep takes it up (again) while queued; absent on checks queued before it was kept. */
  nextAttemptAt: z.string().nullable().optional(),
  /** WeChat's label of a verdict. */
  label: z.number().nullable().optional(),
});
export type PhotoCheckRecord = z.infer<typeof PhotoCheckSchema>;

/** What a write asks to have checked. */
export type PhotoToCheck = Pick<PhotoCheckRecord, 'photoKey' | 'owner'> & { openid: string | null };

/** The id a check goes by in the outbox. */
const outboxId = (photoKey: string) => `PHOTO#${photoKey}`;

export const photoChecks = entity({
  kind: 'photo-check',
  doc: "One photo for WeChat's asynchronous image check; an outbox entry (gsi5) while queued to be sent.",
  schema: PhotoCheckSchema,
  key: { pk: 'PHOTOCHECK#{photoKey}', sk: 'CHECK' },
  derived: (c) => ({ shard: outboxShard(outboxId(c.photoKey)) }),
  indexes: {
    [INDEX.gsi5]: {
      pk: OUTBOX_PK,
      sk: '{nextAttemptAt}#PHOTO#{photoKey}',
      when: (c: PhotoCheckRecord) => c.status === 'queued' && Boolean(c.nextAttemptAt),
    },
  },
});

/** Which photo a WeChat trace id is about; `handledAt` once its verdict is applied. */
export const wechatTraces = entity({
  kind: 'wechat-trace',
  doc: 'Which photo a WeChat image-check trace id is about; `handledAt` once its verdict was applied.',
  schema: z.object({
    photoKey: z.string(),
    createdAt: z.string(),
    handledAt: z.string().optional(),
    verdict: z.enum(['pass', 'risky', 'review']).optional(),
  }),
  key: { pk: 'WXTRACE#{traceId}', sk: 'TRACE' },
});

/** The gsi5 keys of a queued check: due at `dueAt`. */
const outboxKeys = (photoKey: string, dueAt: string) =>
  photoChecks.indexKey(INDEX.gsi5, { shard: outboxShard(outboxId(photoKey)), nextAttemptAt: dueAt, photoKey });

export function createPhotoChecksRepository(table: TableRef) {
  const TableName = table.tableName;

  return {
    /** Transaction items that queue the checks; a photo already queued (a re-used key) is checked once. */
    checkItems(photos: readonly PhotoToCheck[], now: Date): TransactItem[] {
      const due = new Date(now.getTime() + SWEEP_GRACE_MS).toISOString();
      return photos.map((p) => ({
        Put: {
          TableName,
          Item: {
            ...photoChecks.item({
              photoKey: p.photoKey,
              openid: p.openid,
              owner: p.owner,
              status: 'queued',
              attempts: 0,
              traceId: null,
              createdAt: now.toISOString(),
              nextAttemptAt: due,
            }),
            outbox: 'photo_check',
            expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
          },
        },
      }));
    },

    async get(photoKey: string): Promise<PhotoCheckRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: photoChecks.key({ photoKey }), ConsistentRead: true }),
      );
      return out.Item ? photoChecks.parse(out.Item) : undefined;
    },

    /** Takes a queued check for one attempt at asking WeChat; false when another worker has it. */
    async claim(photoKey: string): Promise<boolean> {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: photoChecks.key({ photoKey }),
            UpdateExpression: 'SET #s = :sending REMOVE gsi5pk, gsi5sk',
            ConditionExpression: '#s = :queued',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':queued': 'queued', ':sending': 'sending' },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    /** WeChat took the photo: remember which trace id will carry its verdict. */
    async sent(photoKey: string, traceId: string, now: Date): Promise<void> {
      await writeTransaction(table, [
        {
          Put: {
            TableName,
            Item: {
              ...wechatTraces.item({ photoKey, createdAt: now.toISOString() }, { traceId }),
              expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName,
            Key: photoChecks.key({ photoKey }),
            UpdateExpression: 'SET #s = :checking, traceId = :trace ADD attempts :one',
            ConditionExpression: '#s = :sending',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':checking': 'checking', ':sending': 'sending', ':trace': traceId, ':one': 1 },
          },
        },
      ]);
    },

    /** Asking failed: back in the queue for `retryAt`, or given up (`failed`, `skipped`). */
    async settle(photoKey: string, outcome: { status: 'failed' | 'skipped' } | { status: 'queued'; retryAt: Date }) {
      const retry = outcome.status === 'queued';
      const due = retry ? outcome.retryAt.toISOString() : '';
      const index = retry ? outboxKeys(photoKey, due) : {};
      await table.doc.send(
        new UpdateCommand({
          TableName,
          Key: photoChecks.key({ photoKey }),
          UpdateExpression: retry
            ? 'SET #s = :status, nextAttemptAt = :due, gsi5pk = :gpk, gsi5sk = :gsk ADD attempts :one'
            : 'SET #s = :status ADD attempts :one',
          ConditionExpression: '#s = :sending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':status': outcome.status,
            ':sending': 'sending',
            ':one': 1,
            ...(retry ? { ':due': due, ':gpk': index.gsi5pk, ':gsk': index.gsi5sk } : {}),
          },
        }),
      );
    },

    /** The photo a trace id is about, unless its verdict was applied already. */
    async traced(traceId: string): Promise<{ photoKey: string; handled: boolean } | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: wechatTraces.key({ traceId }), ConsistentRead: true }),
      );
      if (!out.Item) return undefined;
      const trace = wechatTraces.parse(out.Item);
      return { photoKey: trace.photoKey, handled: Boolean(trace.handledAt) };
    },

    /**
     * Applies a verdict once per trace id, together with its effects: the
     * owner's mark and the uploader's message (`extra`). False when it was
     * applied before. An owner that is gone (deleted) is left alone.
     */
    async applyVerdict(
      traceId: string,
      check: PhotoCheckRecord,
      status: 'pass' | 'risky' | 'review',
      label: number | null,
      extra: TransactItem[],
      now: Date,
    ): Promise<boolean> {
      const base: TransactItem[] = [
        {
          Update: {
            TableName,
            Key: wechatTraces.key({ traceId }),
            UpdateExpression: 'SET handledAt = :now, verdict = :status',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(handledAt)',
            ExpressionAttributeValues: { ':now': now.toISOString(), ':status': status },
          },
        },
        {
          Update: {
            TableName,
            Key: photoChecks.key({ photoKey: check.photoKey }),
            UpdateExpression: 'SET #s = :status, label = :label',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':status': status, ':label': label },
          },
        },
      ];
      const mark: TransactItem = {
        Update: {
          TableName,
          Key: { pk: check.owner.pk, sk: check.owner.sk },
          UpdateExpression: check.owner.versioned ? 'ADD riskyPhotos :photo, version :one' : 'ADD riskyPhotos :photo',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':photo': new Set([check.photoKey]),
            ...(check.owner.versioned ? { ':one': 1 } : {}),
          },
        },
      };
      const hide = status === 'risky';
      try {
        await writeTransaction(table, hide ? [...base, mark, ...extra] : base);
        return true;
      } catch (error) {
        if (!(error instanceof TransactionRefused)) throw error;
        if (error.failed(0)) return false;
        if (hide && error.failed(2)) {
          // The owner is gone: there is nothing left to hide; the verdict is still recorded once.
          await writeTransaction(table, base).catch((again: unknown) => {
            if (!(again instanceof TransactionRefused && again.failed(0))) throw again;
          });
          return true;
        }
        throw error;
      }
    },
  };
}

export type PhotoChecksRepository = ReturnType<typeof createPhotoChecksRepository>;
