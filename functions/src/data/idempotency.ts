import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import type { TransactItem } from './transactions.js';

/** What the HTTP stack derives from an `Idempotency-Key` header. */
export interface Idempotency {
  /** Whose key it is: keys of different people never collide. */
  readonly scope: string;
  readonly key: string;
  /** Route and request digest: the same key with another request is refused. */
  readonly fingerprint: string;
}

const RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** Kept in the person's partition: erasure removes their keys with them. */
export const idempotencyRecords = entity({
  kind: 'idempotency',
  doc: "A request's Idempotency-Key, its digest and the answer it got, written with the effect it guards.",
  schema: z.object({
    /** Whose and which key (absent on records older than the fields: the item's key says it). */
    scope: z.string().optional(),
    key: z.string().optional(),
    fingerprint: z.string(),
    response: z.unknown(),
    createdAt: z.string(),
  }),
  key: { pk: 'USER#{scope}', sk: 'IDEMPOTENCY#{key}' },
});

/** The answer an earlier request with this key got; the same key with another request is refused. */
export function answerOf<T>(item: Record<string, unknown>, idem: Idempotency): T {
  const record = idempotencyRecords.parse(item);
  if (record.fingerprint !== idem.fingerprint)
    throw new ConflictError('IDEMPOTENCY_KEY_REUSED', '该请求编号已用于另一项操作，请刷新后重试');
  return record.response as T;
}

/**
 * The record written in the same transaction as the effect it guards. Points
 * keep theirs forever (`forever`): a retry a year later still changes nothing.
 */
export function idempotencyPut(
  table: TableRef,
  idem: Idempotency,
  response: unknown,
  now: Date,
  forever = false,
): TransactItem {
  return {
    Put: {
      TableName: table.tableName,
      Item: {
        ...idempotencyRecords.item({ ...idem, response, createdAt: now.toISOString() }),
        expiresAt: forever ? undefined : Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The stored response of an earlier request with this key, if there was one:
 * looked up first, so a retry is answered as it was even when the member
 * code or the window it used has expired since.
 */
export async function earlierResponse<T>(table: TableRef, idem: Idempotency): Promise<T | undefined> {
  const out = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: idempotencyRecords.key(idem), ConsistentRead: true }),
  );
  return out.Item ? answerOf<T>(out.Item, idem) : undefined;
}

/** The stored response of an earlier request with the same key. */
export async function replayIdempotent<T>(table: TableRef, idem: Idempotency): Promise<T> {
  const out = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: idempotencyRecords.key(idem), ConsistentRead: true }),
  );
  if (!out.Item) throw new Error('Idempotency record vanished after its condition failed');
  return answerOf<T>(out.Item, idem);
}
