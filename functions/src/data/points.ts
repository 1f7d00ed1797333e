/**
 * Points, stock and redemptions. Every change of a balance is one ledger
 * entry written in the same DynamoDB transaction as the balance, the stock
 * and the limits it touches, each with a condition: a balance never below 0,
 * a shelf never below 0, a monthly limit never passed, an effect never twice.
 */

import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LedgerType, RedemptionStatus } from '@linli/shared';
import type { TableRef } from './client.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { queryAll } from './query.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

export interface LedgerRecord {
  entryId: string;
  communityId: string;
  userId: string;
  type: LedgerType;
  /** Signed: earnings positive, spending negative. */
  points: number;
  at: string;
  /** Shanghai month `YYYY-MM`, for the month's figures. */
  month: string;
  note: string;
  /** What it belongs to: a credit, a redemption, an activity, an adjustment. */
  ref: string;
  by: string | null;
  /** Recycling only: what was weighed (for the kg figures). */
  lines?: { material: string; grams: number; points: number }[];
  stationId?: string;
  /** The resident's building, for participation figures. */
  buildingId?: string | null;
}

export interface RewardRecord {
  rewardId: string;
  communityId: string;
  name: string;
  description: string;
  pointsCost: number;
  imageKey: string | null;
  monthlyLimit: number | null;
  active: boolean;
}

export interface RedemptionItem {
  rewardId: string;
  name: string;
  quantity: number;
  pointsCost: number;
  monthlyLimit: number | null;
}

export interface RedemptionRecord {
  redemptionId: string;
  communityId: string;
  userId: string;
  residentName: string;
  stationId: string;
  stationName: string;
  items: RedemptionItem[];
  totalPoints: number;
  status: RedemptionStatus;
  month: string;
  createdAt: string;
  windowClosesAt: string;
  fulfilledAt: string | null;
  fulfilledBy: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

/** A condition that failed, named for the person: which reward, which station. */
type Refusal = (() => Error) | 'replay';

const STRIP = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'gsi5pk',
  'gsi5sk',
  'kind',
];
function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const name of STRIP) delete copy[name];
  return copy as T;
}

export function createPointsRepository(table: TableRef) {
  const TableName = table.tableName;

  /**
   * Runs one transaction whose items each say what their failed condition
   * means; a repeated idempotency key replays the first result instead.
   */
  async function run<T>(
    items: { item: TransactItem; refusal?: Refusal }[],
    idem: Idempotency | undefined,
  ): Promise<{ replayed: T } | null> {
    try {
      await writeTransaction(
        table,
        items.map((i) => i.item),
      );
      return null;
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      const failed = items.findIndex((_, i) => error.failed(i));
      const refusal = failed >= 0 ? items[failed]?.refusal : undefined;
      if (refusal === 'replay' && idem) return { replayed: await replayIdempotent<T>(table, idem) };
      if (typeof refusal === 'function') throw refusal();
      throw error;
    }
  }

  const idemItem = (idem: Idempotency, response: unknown, now: Date) => ({
    item: idempotencyPut(table, idem, response, now, true),
    refusal: 'replay' as const,
  });

  const ledgerItem = (e: LedgerRecord) => ({
    item: {
      Put: {
        TableName,
        Item: {
          ...keys.ledgerEntry(e.communityId, e.userId, e.at, e.entryId),
          kind: 'ledger',
          ...e,
          // Every entry of a community's month in one partition: the source of the points figures.
          gsi2pk: keys.ledgerOfMonth(e.communityId, e.month),
          gsi2sk: `${e.at}#${e.entryId}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  });

  /** The balance moves by `delta`; spending is refused below zero. */
  const accountItem = (communityId: string, userId: string, delta: number, insufficient: () => Error) => ({
    item: {
      Update: {
        TableName,
        Key: keys.pointsAccount(communityId, userId),
        UpdateExpression: 'ADD balance :delta SET userId = :uid, communityId = :cid, gsi1pk = :g1, gsi1sk = :uid',
        ...(delta < 0 ? { ConditionExpression: 'balance >= :needed' } : {}),
        ExpressionAttributeValues: {
          ':delta': delta,
          ':uid': userId,
          ':cid': communityId,
          ':g1': keys.accountsOfCommunity(communityId),
          ...(delta < 0 ? { ':needed': -delta } : {}),
        },
      },
    },
    refusal: insufficient,
  });

  const stockItem = (communityId: string, rewardId: string, stationId: string, delta: number, empty: () => Error) => ({
    item: {
      Update: {
        TableName,
        Key: keys.stock(communityId, rewardId, stationId),
        UpdateExpression: 'ADD quantity :delta',
        ConditionExpression: delta < 0 ? 'quantity >= :needed' : 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':delta': delta, ...(delta < 0 ? { ':needed': -delta } : {}) },
      },
    },
    refusal: empty,
  });

  const takenItem = (r: RedemptionRecord, item: RedemptionItem, sign: 1 | -1, limitReached: () => Error) => ({
    item: {
      Update: {
        TableName,
        Key: keys.rewardTaken(r.communityId, r.userId, r.month, item.rewardId),
        UpdateExpression: 'ADD #count :q',
        ...(sign > 0 && item.monthlyLimit !== null
          ? { ConditionExpression: 'attribute_not_exists(#count) OR #count <= :room' }
          : {}),
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: {
          ':q': sign * item.quantity,
          ...(sign > 0 && item.monthlyLimit !== null ? { ':room': item.monthlyLimit - item.quantity } : {}),
        },
      },
    },
    refusal: limitReached,
  });

  const redemptionItem = (r: RedemptionRecord) => ({
    item: {
      Put: {
        TableName,
        Item: {
          ...keys.redemption(r.communityId, r.redemptionId),
          kind: 'redemption',
          ...r,
          gsi1pk: keys.redemptionsOfResident(r.communityId, r.userId),
          gsi1sk: `${r.createdAt}#${r.redemptionId}`,
          gsi2pk: keys.redemptionsOfStation(r.communityId, r.stationId),
          gsi2sk: `${r.status}#${r.createdAt}#${r.redemptionId}`,
          // Reserved ones wait in the due index until the window closes.
          ...(r.status === 'reserved'
            ? { gsi5pk: keys.redemptionsDue(r.communityId), gsi5sk: `${r.windowClosesAt}#${r.redemptionId}` }
            : {}),
        },
      },
    },
  });

  return {
    async balance(communityId: string, userId: string): Promise<number> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.pointsAccount(communityId, userId), ConsistentRead: true }),
      );
      return (out.Item?.balance as number | undefined) ?? 0;
    },

    async earnedOn(communityId: string, userId: string, date: string): Promise<number> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.pointsDay(communityId, userId, date), ConsistentRead: true }),
      );
      return (out.Item?.earned as number | undefined) ?? 0;
    },

    /** Ledger entries of one account, newest first. */
    async ledger(communityId: string, userId: string, cursor: string | undefined, limit: number) {
      const pk = keys.pointsPartition(communityId, userId);
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
          ExpressionAttributeValues: { ':pk': pk, ':ledger': 'LEDGER#' },
          ExclusiveStartKey: decodeCursor(cursor, { pk }),
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => strip<LedgerRecord>(i)),
        cursor: encodeCursor(out.LastEvaluatedKey),
      };
    },

    /** Ledger entries of one account between two instants (a month: a few dozen at most). */
    async ledgerBetween(communityId: string, userId: string, from: string, to: string): Promise<LedgerRecord[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.pointsPartition(communityId, userId),
          ':from': `LEDGER#${from}`,
          ':to': `LEDGER#${to}`,
        },
      });
      return items.map((i) => strip<LedgerRecord>(i));
    },

    /**
     * A weigh-in: the member code is spent, the day's total grows within the
     * cap, the balance grows and the entry is written — or nothing is.
     */
    async credit(input: {
      entry: LedgerRecord;
      idem: Idempotency;
      response: unknown;
      codeJti: string;
      codeExpiresAt: number;
      date: string;
      dailyCap: number;
      codeUsed: () => Error;
      capMoved: () => Error;
      now: Date;
    }) {
      const e = input.entry;
      const items: { item: TransactItem; refusal?: Refusal }[] = [
        idemItem(input.idem, input.response, input.now),
        {
          item: {
            Put: {
              TableName,
              Item: { ...keys.memberCodeUse(input.codeJti), expiresAt: input.codeExpiresAt + 86_400, usedFor: e.ref },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          refusal: input.codeUsed,
        },
      ];
      if (e.points > 0) {
        items.push(
          {
            item: {
              Update: {
                TableName,
                Key: keys.pointsDay(e.communityId, e.userId, input.date),
                UpdateExpression: 'ADD earned :p',
                ConditionExpression: 'attribute_not_exists(earned) OR earned <= :room',
                ExpressionAttributeValues: { ':p': e.points, ':room': input.dailyCap - e.points },
              },
            },
            refusal: input.capMoved,
          },
          accountItem(e.communityId, e.userId, e.points, input.capMoved),
          ledgerItem(e),
        );
      }
      return run(items, input.idem);
    },

    /** A weigh-in held for an admin: the code is spent, nothing is credited. */
    async hold(input: {
      communityId: string;
      creditId: string;
      record: Record<string, unknown>;
      idem: Idempotency;
      response: unknown;
      codeJti: string;
      codeExpiresAt: number;
      codeUsed: () => Error;
      now: Date;
    }) {
      return run(
        [
          idemItem(input.idem, input.response, input.now),
          {
            item: {
              Put: {
                TableName,
                Item: { ...keys.memberCodeUse(input.codeJti), expiresAt: input.codeExpiresAt + 86_400 },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            refusal: input.codeUsed,
          },
          {
            item: {
              Put: {
                TableName,
                Item: { ...keys.heldCredit(input.communityId, input.creditId), kind: 'held', ...input.record },
              },
            },
          },
        ],
        input.idem,
      );
    },

    async rewards(communityId: string): Promise<{ rewards: RewardRecord[]; stock: Map<string, Map<string, number>> }> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.rewards(communityId) },
      });
      const stock = new Map<string, Map<string, number>>();
      for (const i of items.filter((i) => String(i.sk).startsWith('STOCK#'))) {
        const [, rewardId = '', stationId = ''] = String(i.sk).split('#');
        if (!stock.has(rewardId)) stock.set(rewardId, new Map());
        stock.get(rewardId)?.set(stationId, i.quantity as number);
      }
      return {
        rewards: items.filter((i) => String(i.sk).startsWith('REWARD#')).map((i) => strip<RewardRecord>(i)),
        stock,
      };
    },

    /**
     * A reservation: points and stock leave together, within the monthly
     * limits, in one transaction. `fulfilled` is counter mode (handed over now).
     */
    async reserve(input: {
      redemption: RedemptionRecord;
      entry: LedgerRecord;
      idem: Idempotency;
      response: unknown;
      now: Date;
      insufficient: () => Error;
      outOfStock: (item: RedemptionItem) => () => Error;
      limitReached: (item: RedemptionItem) => () => Error;
    }) {
      const r = input.redemption;
      // Limits and shelves first: when several conditions fail, the first named is the most useful to hear.
      const items: { item: TransactItem; refusal?: Refusal }[] = [
        idemItem(input.idem, input.response, input.now),
        ...r.items.flatMap((item) => [
          takenItem(r, item, 1, input.limitReached(item)),
          stockItem(r.communityId, item.rewardId, r.stationId, -item.quantity, input.outOfStock(item)),
        ]),
        accountItem(r.communityId, r.userId, -r.totalPoints, input.insufficient),
        ledgerItem(input.entry),
        redemptionItem(r),
      ];
      return run(items, input.idem);
    },

    async getRedemption(communityId: string, redemptionId: string): Promise<RedemptionRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.redemption(communityId, redemptionId), ConsistentRead: true }),
      );
      return out.Item ? strip<RedemptionRecord>(out.Item) : undefined;
    },

    /** Cancelling gives everything back: points (a refund entry), stock and the month's allowance. */
    async cancel(input: {
      redemption: RedemptionRecord;
      cancelled: RedemptionRecord;
      entry: LedgerRecord;
      idem: Idempotency | undefined;
      response: unknown;
      now: Date;
      notReserved: () => Error;
    }) {
      const r = input.redemption;
      const items: { item: TransactItem; refusal?: Refusal }[] = [
        ...(input.idem ? [idemItem(input.idem, input.response, input.now)] : []),
        {
          item: {
            ...redemptionItem(input.cancelled).item,
            Put: {
              ...redemptionItem(input.cancelled).item.Put,
              ConditionExpression: '#s = :reserved',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':reserved': 'reserved' },
            },
          },
          refusal: input.notReserved,
        },
        accountItem(r.communityId, r.userId, r.totalPoints, input.notReserved),
        ledgerItem(input.entry),
        ...r.items.flatMap((item) => [
          stockItem(r.communityId, item.rewardId, r.stationId, item.quantity, input.notReserved),
          takenItem(r, item, -1, input.notReserved),
        ]),
      ];
      return run(items, input.idem);
    },

    /** Handing over: only a reservation still open, before its window closed. */
    async fulfil(input: {
      fulfilled: RedemptionRecord;
      idem: Idempotency;
      response: unknown;
      now: Date;
      notReserved: () => Error;
    }) {
      return run(
        [
          idemItem(input.idem, input.response, input.now),
          {
            item: {
              Put: {
                ...redemptionItem(input.fulfilled).item.Put,
                ConditionExpression: '#s = :reserved AND windowClosesAt > :now',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':reserved': 'reserved', ':now': input.now.toISOString() },
              },
            },
            refusal: input.notReserved,
          },
        ],
        input.idem,
      );
    },

    async redemptionsOf(communityId: string, userId: string, cursor: string | undefined, limit: number) {
      const pk = keys.redemptionsOfResident(communityId, userId);
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: pk }),
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => strip<RedemptionRecord>(i)),
        cursor: encodeCursor(out.LastEvaluatedKey),
      };
    },

    /** Reservations whose window has closed by `now`: the sweep cancels and refunds them. */
    async dueRedemptions(communityId: string, now: string): Promise<RedemptionRecord[]> {
      const items = await queryAll(table, {
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk <= :now',
        ExpressionAttributeValues: { ':pk': keys.redemptionsDue(communityId), ':now': `${now}#~` },
      });
      return items.map((i) => strip<RedemptionRecord>(i));
    },
  };
}

export type PointsRepository = ReturnType<typeof createPointsRepository>;

/** Seeding and the admin catalog: a reward and its stock at each station, written as given. */
export async function putRewardWithStock(
  table: TableRef,
  reward: RewardRecord,
  stock: { stationId: string; quantity: number }[],
): Promise<void> {
  await writeTransaction(table, [
    {
      Put: {
        TableName: table.tableName,
        Item: { ...keys.reward(reward.communityId, reward.rewardId), kind: 'reward', ...reward },
      },
    },
    ...stock.map((s) => ({
      Put: {
        TableName: table.tableName,
        Item: { ...keys.stock(reward.communityId, reward.rewardId, s.stationId), kind: 'stock', quantity: s.quantity },
      },
    })),
  ]);
}
