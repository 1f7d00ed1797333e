/**
 * The codes a person reads out at the station, and the confirmations that
 * stand in for them: member codes (60 s, one credit each), pickup codes
 * (until the reservation's window closes) and credit requests the resident
 * confirms on their own phone (2 minutes, once). Each is an item the server
 * issued; TTL removes it late, so every read checks `validUntil` itself.
 */

import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CreditRequestStatus } from '@linli/shared';
import type { TableRef } from './client.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

export interface MemberCodeRecord {
  code: string;
  userId: string;
  communityId: string;
  /** ISO time the code stops working. */
  validUntil: string;
  /** What used it (`credit:<id>`), once a credit has. */
  usedFor?: string;
}

export interface PickupCodeRecord {
  code: string;
  communityId: string;
  redemptionId: string;
  validUntil: string;
}

export interface CreditRequestRecord {
  requestId: string;
  communityId: string;
  /** The resident asked (the home's resident). */
  userId: string;
  householdId: string;
  address: string;
  residentName: string;
  operatorId: string;
  operatorName: string;
  stationId: string;
  stationName: string;
  lines: { material: string; grams: number }[];
  /** Stored `pending` until confirmed or declined; a pending one past `validUntil` has expired. */
  status: Exclude<CreditRequestStatus, 'expired'>;
  createdAt: string;
  validUntil: string;
  decidedAt?: string;
  /** The credit's answer, written in the credit's own transaction. */
  result?: unknown;
}

/** A transaction item with the refusal its failed condition means. */
export interface NamedItem {
  item: TransactItem;
  refusal: () => Error;
}

/**
 * What a credit uses up in its own transaction (a member code, a resident's
 * confirmation), given the credit's reference and answer: used once, or the
 * whole credit is refused.
 */
export type Spend = (use: { ref: string; response: unknown; now: Date }) => NamedItem;

const DAY = 86_400;
/** TTL (epoch seconds) some time after `validUntil`: long enough to say "expired" rather than "unknown". */
const ttl = (validUntil: string, keepSeconds: number) => Math.floor(Date.parse(validUntil) / 1000) + keepSeconds;

const KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'kind', 'expiresAt'];
function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const name of KEYS) delete copy[name];
  return copy as T;
}

export function createPointCodesRepository(table: TableRef) {
  const TableName = table.tableName;

  const get = async (Key: { pk: string; sk: string }) =>
    (await table.doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item;

  return {
    /** Stores a freshly drawn member code; false if that number is taken (draw again). */
    async putMemberCode(r: MemberCodeRecord): Promise<boolean> {
      try {
        await table.doc.send(
          new PutCommand({
            TableName,
            Item: { ...keys.memberCode(r.code), kind: 'membercode', ...r, expiresAt: ttl(r.validUntil, DAY) },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async getMemberCode(code: string): Promise<MemberCodeRecord | undefined> {
      const item = await get(keys.memberCode(code));
      return item ? strip<MemberCodeRecord>(item) : undefined;
    },

    /** Marks the code used by the credit, in the credit's transaction; a code already used refuses it. */
    spendMemberCode(code: string, used: () => Error): Spend {
      return ({ ref, now }) => ({
        item: {
          Update: {
            TableName,
            Key: keys.memberCode(code),
            UpdateExpression: 'SET usedFor = :ref, usedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedFor)',
            ExpressionAttributeValues: { ':ref': ref, ':at': now.toISOString() },
          },
        },
        refusal: used,
      });
    },

    /** A member code paying at the counter: at most once, apart from its one credit (a screenshot pays nothing more). */
    spendMemberCodeAtCounter(code: string, used: () => Error): Spend {
      return ({ ref, now }) => ({
        item: {
          Update: {
            TableName,
            Key: keys.memberCode(code),
            UpdateExpression: 'SET counterUsedFor = :ref, counterUsedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(counterUsedFor)',
            ExpressionAttributeValues: { ':ref': ref, ':at': now.toISOString() },
          },
        },
        refusal: used,
      });
    },

    /** The pickup code of a new reservation, written in the reservation's transaction. */
    pickupCodeItem(r: PickupCodeRecord, taken: () => Error): NamedItem {
      return {
        item: {
          Put: {
            TableName,
            Item: { ...keys.pickupCode(r.code), kind: 'pickupcode', ...r, expiresAt: ttl(r.validUntil, 30 * DAY) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        refusal: taken,
      };
    },

    async getPickupCode(code: string): Promise<PickupCodeRecord | undefined> {
      const item = await get(keys.pickupCode(code));
      return item ? strip<PickupCodeRecord>(item) : undefined;
    },

    /** A new request to confirm, once per `Idempotency-Key`; a repeat answers the first one's id. */
    async putCreditRequest(r: CreditRequestRecord, idem: Idempotency, now: Date): Promise<string> {
      try {
        await writeTransaction(table, [
          idempotencyPut(table, idem, { requestId: r.requestId }, now),
          {
            Put: {
              TableName,
              Item: {
                ...keys.creditRequest(r.communityId, r.requestId),
                kind: 'creditrequest',
                ...r,
                // The resident's pending requests, soonest to lapse first.
                gsi1pk: keys.creditRequestsOfResident(r.communityId, r.userId),
                gsi1sk: `${r.validUntil}#${r.requestId}`,
                expiresAt: ttl(r.validUntil, DAY),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]);
        return r.requestId;
      } catch (error) {
        if (error instanceof TransactionRefused && error.failed(0))
          return (await replayIdempotent<{ requestId: string }>(table, idem)).requestId;
        throw error;
      }
    },

    async getCreditRequest(communityId: string, requestId: string): Promise<CreditRequestRecord | undefined> {
      const item = await get(keys.creditRequest(communityId, requestId));
      return item ? strip<CreditRequestRecord>(item) : undefined;
    },

    /** A resident's requests still open at `now` (a key range: those lapsing later), then only the pending. */
    async openCreditRequests(communityId: string, userId: string, now: Date, cursor?: string) {
      const gsi1pk = keys.creditRequestsOfResident(communityId, userId);
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :now',
          FilterExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':pk': gsi1pk, ':now': now.toISOString(), ':pending': 'pending' },
          ExclusiveStartKey: decodeCursor(cursor, { gsi1pk }),
          Limit: 20,
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => strip<CreditRequestRecord>(i)),
        cursor: encodeCursor(out.LastEvaluatedKey),
      };
    },

    /** The resident's confirmation, used up by the credit it allows: only a pending, unexpired request. */
    spendCreditRequest(r: CreditRequestRecord, closed: () => Error): Spend {
      return ({ response, now }) => ({
        item: {
          Update: {
            TableName,
            Key: keys.creditRequest(r.communityId, r.requestId),
            UpdateExpression: 'SET #s = :confirmed, decidedAt = :at, #result = :result',
            ConditionExpression: '#s = :pending AND validUntil > :at',
            ExpressionAttributeNames: { '#s': 'status', '#result': 'result' },
            ExpressionAttributeValues: {
              ':confirmed': 'confirmed',
              ':pending': 'pending',
              ':at': now.toISOString(),
              ':result': response,
            },
          },
        },
        refusal: closed,
      });
    },

    /** The resident says no: a pending request is closed, nothing credited. False when it was no longer pending. */
    async declineCreditRequest(r: CreditRequestRecord, now: Date): Promise<boolean> {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.creditRequest(r.communityId, r.requestId),
            UpdateExpression: 'SET #s = :declined, decidedAt = :at',
            ConditionExpression: '#s = :pending',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':declined': 'declined', ':pending': 'pending', ':at': now.toISOString() },
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}

export type PointCodesRepository = ReturnType<typeof createPointCodesRepository>;
