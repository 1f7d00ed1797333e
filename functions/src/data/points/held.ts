/** Weigh-ins held for an admin (a line over the per-line limit), and what the admin decided. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { entity } from '../entity.js';
import type { Idempotency } from '../idempotency.js';
import type { Spend } from '../point-codes.js';
import type { TransactItem } from '../transactions.js';
import { type AccountState, balanceWrites, type LedgerRecord } from './ledger.js';
import { extraItems, pointsTransactions, type RefusableItem } from './refusals.js';
import { SortFlagRecord } from './sort-quality.js';

export const HELD_STATUSES = ['held', 'approved', 'rejected'] as const;
export type HeldStatus = (typeof HELD_STATUSES)[number];

export const HeldCreditSchema = z.object({
  creditId: z.string(),
  communityId: z.string(),
  userId: z.string(),
  stationId: z.string(),
  operatorId: z.string(),
  lines: z.array(
    z.object({ material: z.string(), label: z.string(), grams: z.number(), points: z.number(), outlier: z.boolean() }),
  ),
  points: z.number(),
  status: z.enum(HELD_STATUSES),
  at: z.string(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  rejectReason: z.string().optional(),
  creditedPoints: z.number().optional(),
  /** The operator noted the delivery was badly sorted (counted when it was held). */
  sortFlag: SortFlagRecord.optional(),
  /** The home's building when it was held, where its sort-quality counter counted it (null: none; absent: kept before). */
  buildingId: z.string().nullable().optional(),
});
export type HeldCreditRecord = z.infer<typeof HeldCreditSchema>;

export const heldCredits = entity({
  kind: 'held',
  doc: 'A weigh-in held for an admin, and the decision; held ones are few, in one partition a community.',
  schema: HeldCreditSchema,
  key: { pk: 'COMM#{communityId}#HELD', sk: 'CREDIT#{creditId}' },
  patterns: {
    ofCommunity: {
      doc: "A community's held weigh-ins of one status, newest first (a filter on one small partition); the workbench count.",
      index: 'table',
      pk: 'COMM#{communityId}#HELD',
      skPrefix: 'CREDIT#',
      descending: true,
    },
  },
});

/** The filter on `status` within the held partition. */
export const heldOfStatus = (status: HeldStatus | string) => ({
  expression: '#s = :status',
  names: { '#s': 'status' },
  values: { ':status': status },
});

export function createHeldCreditsRepository(table: TableRef) {
  const TableName = table.tableName;
  const { run, idemItem } = pointsTransactions(table);
  const writes = balanceWrites(TableName);
  return {
    async getHeld(communityId: string, creditId: string): Promise<HeldCreditRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: heldCredits.key({ communityId, creditId }), ConsistentRead: true }),
      );
      return out.Item ? heldCredits.parse(out.Item) : undefined;
    },

    /** Held weigh-ins of one status, newest first. */
    heldCredits(communityId: string, status: HeldStatus, cursor: string | undefined, limit: number) {
      return heldCredits.page(table, 'ofCommunity', { communityId }, { cursor, limit, filter: heldOfStatus(status) });
    },

    /** A weigh-in held for an admin: the code is spent, nothing is credited. */
    hold(input: {
      record: HeldCreditRecord;
      idem: Idempotency;
      response: unknown;
      spend: Spend;
      now: Date;
      /** Commits with the hold (the building's sort-quality counter). */
      extra?: readonly TransactItem[];
    }) {
      return run(
        [
          idemItem(input.idem, input.response, input.now),
          input.spend({ ref: `held:${input.record.creditId}`, response: input.response, now: input.now }),
          { item: { Put: { TableName, Item: heldCredits.item(input.record) } } },
          ...extraItems(input.extra),
        ],
        input.idem,
      );
    },

    /**
     * An admin approves a held weigh-in: it leaves `held` once, and the points
     * go in through the same items as any credit (daily total, balance, entry).
     */
    approveHeld(input: {
      decided: HeldCreditRecord;
      entry: LedgerRecord;
      account: AccountState;
      date: string;
      dailyCap: number;
      alreadyDecided: () => Error;
      capMoved: () => Error;
      /** Commits with the approval (the resident's message). */
      extra?: readonly TransactItem[];
    }) {
      return run(
        [
          decideHeldItem(TableName, input.decided, input.alreadyDecided),
          ...writes.cappedEarningItems(input.entry, input.account, input),
          ...extraItems(input.extra),
        ],
        undefined,
      );
    },

    rejectHeld(input: { decided: HeldCreditRecord; alreadyDecided: () => Error }) {
      return run([decideHeldItem(TableName, input.decided, input.alreadyDecided)], undefined);
    },
  };
}

/** The decision: written only over a weigh-in still held, so it is decided once. */
export function decideHeldItem(
  TableName: string,
  decided: HeldCreditRecord,
  alreadyDecided: () => Error,
): RefusableItem {
  return {
    item: {
      Put: {
        TableName,
        Item: heldCredits.item(decided),
        ConditionExpression: '#s = :held',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':held': 'held' },
      },
    } as TransactItem,
    refusal: alreadyDecided,
  };
}
