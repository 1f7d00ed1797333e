/**
 * The codes a person reads out at the station, and the confirmations that
 * stand in for them: member codes (60 s, one credit each), pickup codes
 * (until the reservation's window closes) and credit requests the resident
 * confirms on their own phone (2 minutes, once). Each is an item the server
 * issued; TTL removes it late, so every read checks `validUntil` itself.
 */

import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CREDIT_REQUEST_STATUSES } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { SortFlagRecord } from './points/sort-quality.js';
import { INDEX } from './table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

export const MemberCodeSchema = z.object({
  code: z.string(),
  userId: z.string(),
  communityId: z.string(),
  /** ISO time the code stops working. */
  validUntil: z.string(),
  /** What used it (`credit:<id>`), once a credit has. */
  usedFor: z.string().optional(),
});
export type MemberCodeRecord = z.infer<typeof MemberCodeSchema>;

export const PickupCodeSchema = z.object({
  code: z.string(),
  communityId: z.string(),
  redemptionId: z.string(),
  validUntil: z.string(),
});
export type PickupCodeRecord = z.infer<typeof PickupCodeSchema>;

export const CreditRequestSchema = z.object({
  requestId: z.string(),
  communityId: z.string(),
  /** The resident asked (the home's resident). */
  userId: z.string(),
  householdId: z.string(),
  address: z.string(),
  residentName: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  lines: z.array(z.object({ material: z.string(), grams: z.number() })),
  /** The operator noted the delivery was badly sorted: counted when it is confirmed. */
  sortFlag: SortFlagRecord.optional(),
  /** Stored `pending` until confirmed or declined; a pending one past `validUntil` has expired. */
  status: z.enum(CREDIT_REQUEST_STATUSES).exclude(['expired']),
  createdAt: z.string(),
  validUntil: z.string(),
  decidedAt: z.string().optional(),
  /** The credit's answer, written in the credit's own transaction. */
  result: z.unknown().optional(),
});
export type CreditRequestRecord = z.infer<typeof CreditRequestSchema>;

const DAY = 86_400;
/** TTL (epoch seconds) some time after `validUntil`: long enough to say "expired" rather than "unknown". */
const ttl = (validUntil: string, keepSeconds: number) => Math.floor(Date.parse(validUntil) / 1000) + keepSeconds;

export const memberCodes = entity({
  kind: 'membercode',
  doc: 'A member code as issued (16 digits): whose, which community, until when; marked when a credit uses it.',
  schema: MemberCodeSchema,
  key: { pk: 'MEMBERCODE#{code}', sk: 'CODE' },
  toItem: (r) => ({ expiresAt: ttl(r.validUntil, DAY) }),
});

export const pickupCodes = entity({
  kind: 'pickupcode',
  doc: "A reservation's pickup code (16 digits), valid until the window closes.",
  schema: PickupCodeSchema,
  key: { pk: 'PICKUPCODE#{code}', sk: 'CODE' },
  toItem: (r) => ({ expiresAt: ttl(r.validUntil, 30 * DAY) }),
});

export const creditRequests = entity({
  kind: 'creditrequest',
  doc: "An operator's request to credit a resident found by building and room, until the resident confirms.",
  schema: CreditRequestSchema,
  key: { pk: 'COMM#{communityId}#CREDITREQ#{requestId}', sk: 'REQUEST' },
  // The resident's pending requests, soonest to lapse first.
  indexes: { [INDEX.gsi1]: { pk: 'CREDITREQ#{communityId}#USER#{userId}', sk: '{validUntil}#{requestId}' } },
  patterns: {
    ofResident: {
      doc: "A resident's requests by when they lapse (the open ones: a key range from now).",
      index: INDEX.gsi1,
      pk: 'CREDITREQ#{communityId}#USER#{userId}',
    },
  },
  toItem: (r) => ({ expiresAt: ttl(r.validUntil, DAY) }),
});

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

/** Only the requests still waiting for the resident. */
const pending = { expression: '#s = :pending', names: { '#s': 'status' }, values: { ':pending': 'pending' } };

export function createPointCodesRepository(table: TableRef) {
  const TableName = table.tableName;

  const get = async <T>(Key: { pk: string; sk: string }, parse: (item: Record<string, unknown>) => T) => {
    const item = (await table.doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item;
    return item ? parse(item) : undefined;
  };

  return {
    /** Stores a freshly drawn member code; false if that number is taken (draw again). */
    async putMemberCode(r: MemberCodeRecord): Promise<boolean> {
      try {
        await table.doc.send(
          new PutCommand({
            TableName,
            Item: memberCodes.item(r),
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
      return get(memberCodes.key({ code }), memberCodes.parse);
    },

    /** Marks the code used by the credit, in the credit's transaction; a code already used refuses it. */
    spendMemberCode(code: string, used: () => Error): Spend {
      return ({ ref, now }) => ({
        item: {
          Update: {
            TableName,
            Key: memberCodes.key({ code }),
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
            Key: memberCodes.key({ code }),
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
            Item: pickupCodes.item(r),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        refusal: taken,
      };
    },

    async getPickupCode(code: string): Promise<PickupCodeRecord | undefined> {
      return get(pickupCodes.key({ code }), pickupCodes.parse);
    },

    /** A new request to confirm, once per `Idempotency-Key`; a repeat answers the first one's id. */
    async putCreditRequest(r: CreditRequestRecord, idem: Idempotency, now: Date): Promise<string> {
      try {
        await writeTransaction(table, [
          idempotencyPut(table, idem, { requestId: r.requestId }, now),
          {
            Put: {
              TableName,
              Item: creditRequests.item(r),
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
      return get(creditRequests.key({ communityId, requestId }), creditRequests.parse);
    },

    /** A resident's requests still open at `now` (a key range: those lapsing later), then only the pending. */
    async openCreditRequests(communityId: string, userId: string, now: Date, cursor?: string) {
      return creditRequests.page(
        table,
        'ofResident',
        { communityId, userId },
        { cursor, limit: 20, from: now.toISOString(), filter: pending },
      );
    },

    /** The resident's confirmation, used up by the credit it allows: only a pending, unexpired request. */
    spendCreditRequest(r: CreditRequestRecord, closed: () => Error): Spend {
      return ({ response, now }) => ({
        item: {
          Update: {
            TableName,
            Key: creditRequests.key(r),
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
            Key: creditRequests.key(r),
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
