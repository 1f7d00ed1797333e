/**
 * Points, stock and redemptions. Every change of a balance is one ledger
 * entry written in the same DynamoDB transaction as the balance, the stock
 * and the limits it touches, each with a condition: a balance never below 0,
 * a shelf never below 0, a monthly limit never passed, an effect never twice.
 */

import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type LedgerType, type RedemptionStatus } from '@linli/shared';
import type { TableRef } from './client.js';
import { earlierResponse, type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import type { NamedItem, Spend } from './point-codes.js';
import { batchGetAll, queryAll } from './query.js';
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
  /** Recycling only: what was weighed, in grams as weighed (for the kg figures and the resident's ledger). */
  lines?: { material: string; label?: string; grams: number; points: number }[];
  stationId?: string;
  /** The resident's building, for participation figures. */
  buildingId?: string | null;
  /**
   * The balance this entry left and its place in the account (1, 2, …): written by the repository
   * in the transaction that conditions on the account it read. Absent on entries older than the fields.
   */
  balanceAfter?: number;
  seq?: number;
}

/**
 * An account as read before a change: the change is written only if the
 * account is still at `seq`, so the entry's `balanceAfter` is exact.
 */
export interface AccountState {
  balance: number;
  /** How many entries changed it through the repository; 0 for a new (or older) account. */
  seq: number;
  /** The time of its latest entry: a new one is always later, so time order is balance order. */
  lastAt: string | null;
}

/** The account moved between its read and the write: read it again and retry. */
export const balanceMoved = () => new ConflictError('BALANCE_MOVED', '积分刚有变动，请重试');
/** Other transactions kept holding the same items: try again a moment later. */
export const contended = () => new ConflictError('TRANSACTION_CONFLICT', '同时办理的人较多，请稍后重试');

export interface RewardRecord {
  rewardId: string;
  communityId: string;
  name: string;
  description: string;
  pointsCost: number;
  imageKey: string | null;
  monthlyLimit: number | null;
  active: boolean;
  /** Pictures WeChat's image check judged risky (a string set in the table, added by the verdict). */
  riskyPhotos?: string[];
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
  /** The 16-digit code the resident shows to pick up (reserved ones; absent in counter mode). */
  pickupCode?: string;
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

/** A reward as read: the verdicts' string set becomes a list. */
function toReward(item: Record<string, unknown>): RewardRecord {
  const r = strip<RewardRecord & { riskyPhotos?: unknown }>(item);
  if (r.riskyPhotos instanceof Set) r.riskyPhotos = [...(r.riskyPhotos as Set<string>)];
  return r as RewardRecord;
}

/** The catalog fields a change of a reward writes; `riskyPhotos` is the verdicts' and never rewritten. */
const REWARD_FIELDS = ['name', 'description', 'pointsCost', 'imageKey', 'monthlyLimit', 'active'] as const;

/** Items that commit with a change and never refuse it (messages, photo checks): appended last, unnamed. */
const extraItems = (extra: readonly TransactItem[] | undefined) => (extra ?? []).map((item) => ({ item }));

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
      // Still colliding with other transactions after the retries: the use case may read again and retry.
      if (failed < 0 && error.reasons.includes('TransactionConflict')) throw contended();
      throw error;
    }
  }

  const idemItem = (idem: Idempotency, response: unknown, now: Date) => ({
    item: idempotencyPut(table, idem, response, now, true),
    refusal: 'replay' as const,
  });

  const ledgerItem = (e: LedgerRecord, seen: AccountState) => ({
    item: {
      Put: {
        TableName,
        Item: {
          ...keys.ledgerEntry(e.communityId, e.userId, e.at, e.entryId),
          kind: 'ledger',
          ...e,
          balanceAfter: seen.balance + e.points,
          seq: seen.seq + 1,
          // Every entry of a community's month in one partition: the source of the points figures.
          gsi2pk: keys.ledgerOfMonth(e.communityId, e.month),
          gsi2sk: `${e.at}#${e.entryId}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  });

  /** An earning also counts towards the resident's month, which the leaderboard reads instead of the ledger. */
  const earnedMonthItem = (e: LedgerRecord) => ({
    item: {
      Update: {
        TableName,
        Key: keys.pointsMonth(e.communityId, e.userId, e.month),
        UpdateExpression: 'ADD earned :p',
        ExpressionAttributeValues: { ':p': e.points },
      },
    },
  });

  /**
   * The balance moves by the entry's points, only from the account state `seen`
   * (its `seq`), so the entry's `balanceAfter` is the balance this writes;
   * spending is refused below zero. A failed condition is a short balance when
   * `seen` was already short, else a moved account (the caller reads again).
   */
  const accountItem = (e: LedgerRecord, seen: AccountState, insufficient?: () => Error) => {
    const delta = e.points;
    const conditions = [seen.seq === 0 ? 'attribute_not_exists(seq)' : 'seq = :seq'];
    if (delta < 0) conditions.push('balance >= :needed');
    return {
      item: {
        Update: {
          TableName,
          Key: keys.pointsAccount(e.communityId, e.userId),
          UpdateExpression:
            'ADD balance :delta SET seq = :next, lastAt = :at, userId = :uid, communityId = :cid, gsi1pk = :g1, gsi1sk = :uid',
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeValues: {
            ':delta': delta,
            ':next': seen.seq + 1,
            ':at': e.at,
            ':uid': e.userId,
            ':cid': e.communityId,
            ':g1': keys.accountsOfCommunity(e.communityId),
            ...(seen.seq === 0 ? {} : { ':seq': seen.seq }),
            ...(delta < 0 ? { ':needed': -delta } : {}),
          },
        },
      },
      refusal: insufficient && seen.balance + delta < 0 ? insufficient : balanceMoved,
    };
  };

  /** The account's change and its entry, always together. */
  const balanceItems = (e: LedgerRecord, seen: AccountState, insufficient?: () => Error) => [
    accountItem(e, seen, insufficient),
    ledgerItem(e, seen),
  ];

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

    /** The account as a change must see it (see `AccountState`), read consistently. */
    async account(communityId: string, userId: string): Promise<AccountState> {
      const out = await table.doc.send(
        new GetCommand({
          TableName,
          Key: keys.pointsAccount(communityId, userId),
          ConsistentRead: true,
          ProjectionExpression: 'balance, seq, lastAt',
        }),
      );
      return {
        balance: (out.Item?.balance as number | undefined) ?? 0,
        seq: (out.Item?.seq as number | undefined) ?? 0,
        lastAt: (out.Item?.lastAt as string | undefined) ?? null,
      };
    },

    async earnedOn(communityId: string, userId: string, date: string): Promise<number> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.pointsDay(communityId, userId, date), ConsistentRead: true }),
      );
      return (out.Item?.earned as number | undefined) ?? 0;
    },

    /** Points each of `userIds` earned in a Shanghai month (missing: none). */
    async earnedInMonth(communityId: string, userIds: readonly string[], month: string): Promise<Map<string, number>> {
      const unique = [...new Set(userIds)];
      const items = await batchGetAll(
        table,
        unique.map((userId) => keys.pointsMonth(communityId, userId, month)),
        'pk, earned',
      );
      const byPk = new Map(items.map((i) => [i.pk as string, i.earned as number]));
      return new Map(unique.map((userId) => [userId, byPk.get(keys.pointsPartition(communityId, userId)) ?? 0]));
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

    /** Every entry of one account (export). */
    async allEntries(communityId: string, userId: string): Promise<LedgerRecord[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
        ExpressionAttributeValues: { ':pk': keys.pointsPartition(communityId, userId), ':ledger': 'LEDGER#' },
      });
      return items.map((i) => strip<LedgerRecord>(i));
    },

    /** Every key of one account's partition (erasure). */
    async keysOfAccount(communityId: string, userId: string): Promise<{ pk: string; sk: string }[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.pointsPartition(communityId, userId) },
        ProjectionExpression: 'pk, sk',
      });
      return items as { pk: string; sk: string }[];
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
     * A weigh-in: the member code (or the resident's confirmation) is spent,
     * the day's total grows within the cap, the balance grows and the entry
     * is written — or nothing is.
     */
    async credit(input: {
      entry: LedgerRecord;
      account: AccountState;
      idem: Idempotency;
      response: unknown;
      /** What the credit uses up: a member code or a confirmation (see `point-codes.ts`). */
      spend: Spend;
      date: string;
      dailyCap: number;
      capMoved: () => Error;
      now: Date;
      /** Commits with the credit (the resident's message). */
      extra?: readonly TransactItem[];
    }) {
      const e = input.entry;
      const items: { item: TransactItem; refusal?: Refusal }[] = [
        idemItem(input.idem, input.response, input.now),
        input.spend({ ref: e.ref, response: input.response, now: input.now }),
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
          ...balanceItems(e, input.account),
          earnedMonthItem(e),
        );
      } else {
        // Over the daily cap: no points, but the weigh-in happened and its kilograms count in the figures.
        items.push(...balanceItems(e, input.account));
      }
      items.push(...extraItems(input.extra));
      return run(items, input.idem);
    },

    /** A weigh-in held for an admin: the code is spent, nothing is credited. */
    async hold(input: {
      communityId: string;
      creditId: string;
      record: Record<string, unknown>;
      idem: Idempotency;
      response: unknown;
      spend: Spend;
      now: Date;
    }) {
      return run(
        [
          idemItem(input.idem, input.response, input.now),
          input.spend({ ref: `held:${input.creditId}`, response: input.response, now: input.now }),
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
        rewards: items.filter((i) => String(i.sk).startsWith('REWARD#')).map(toReward),
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
      account: AccountState;
      idem: Idempotency;
      response: unknown;
      now: Date;
      insufficient: () => Error;
      outOfStock: (item: RedemptionItem) => () => Error;
      limitReached: (item: RedemptionItem) => () => Error;
      /** A reservation's new pickup code (none in counter mode). */
      pickupCode?: NamedItem;
      /** Counter mode: the member code it uses up (one counter redemption per code). */
      spend?: NamedItem;
      /** Commits with the reservation (the resident's message). */
      extra?: readonly TransactItem[];
    }) {
      const r = input.redemption;
      // Limits and shelves first: when several conditions fail, the first named is the most useful to hear.
      const items: { item: TransactItem; refusal?: Refusal }[] = [
        idemItem(input.idem, input.response, input.now),
        ...r.items.flatMap((item) => [
          takenItem(r, item, 1, input.limitReached(item)),
          stockItem(r.communityId, item.rewardId, r.stationId, -item.quantity, input.outOfStock(item)),
        ]),
        ...balanceItems(input.entry, input.account, input.insufficient),
        redemptionItem(r),
        ...(input.pickupCode ? [input.pickupCode] : []),
        ...(input.spend ? [input.spend] : []),
        ...extraItems(input.extra),
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
      account: AccountState;
      idem: Idempotency | undefined;
      response: unknown;
      now: Date;
      notReserved: () => Error;
      /** Commits with the refund (the resident's message). */
      extra?: readonly TransactItem[];
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
        ...balanceItems(input.entry, input.account),
        ...r.items.flatMap((item) => [
          stockItem(r.communityId, item.rewardId, r.stationId, item.quantity, input.notReserved),
          takenItem(r, item, -1, input.notReserved),
        ]),
        ...extraItems(input.extra),
      ];
      return run(items, input.idem);
    },

    /** Handing over: only a reservation still open, before its window closed. */
    /** What an earlier request with this Idempotency-Key answered, if any. */
    earlier<T>(idem: Idempotency): Promise<T | undefined> {
      return earlierResponse<T>(table, idem);
    },

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

    /** A station's redemptions of one status, oldest first. */
    async redemptionsAtStation(
      communityId: string,
      stationId: string,
      status: RedemptionStatus,
      cursor: string | undefined,
      limit: number,
    ) {
      const gsi2pk = keys.redemptionsOfStation(communityId, stationId);
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :status)',
          ExpressionAttributeValues: { ':pk': gsi2pk, ':status': `${status}#` },
          ExclusiveStartKey: decodeCursor(cursor, { gsi2pk }),
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

    /**
     * Reservations still waiting whose window closes after `from` and by
     * `to` (the exchange-morning reminder): the same due index, a key range.
     */
    async waitingBetween(communityId: string, from: string, to: string): Promise<RedemptionRecord[]> {
      const items = await queryAll(table, {
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.redemptionsDue(communityId), ':from': `${from}#~`, ':to': `${to}#~` },
      });
      return items.map((i) => strip<RedemptionRecord>(i));
    },

    async getReward(communityId: string, rewardId: string): Promise<RewardRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.reward(communityId, rewardId), ConsistentRead: true }),
      );
      return out.Item ? toReward(out.Item) : undefined;
    },

    /**
     * The catalog: a new reward (`idem` given) or a change of an existing one
     * (refused when it is not there). A change sets the catalog fields only,
     * so a picture's risky mark, added by a verdict at any time, stays.
     * `extra` (the picture's check) commits with it.
     */
    async putReward(input: {
      reward: RewardRecord;
      idem?: Idempotency;
      now: Date;
      notFound: () => Error;
      extra?: readonly TransactItem[];
    }) {
      const { riskyPhotos: _verdicts, ...r } = input.reward;
      const write: TransactItem = input.idem
        ? {
            Put: {
              TableName,
              Item: { ...keys.reward(r.communityId, r.rewardId), kind: 'reward', ...r },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          }
        : {
            Update: {
              TableName,
              Key: keys.reward(r.communityId, r.rewardId),
              UpdateExpression: `SET ${REWARD_FIELDS.map((f) => `#${f} = :${f}`).join(', ')}`,
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: Object.fromEntries(REWARD_FIELDS.map((f) => [`#${f}`, f])),
              ExpressionAttributeValues: Object.fromEntries(REWARD_FIELDS.map((f) => [`:${f}`, r[f]])),
            },
          };
      const items: { item: TransactItem; refusal?: Refusal }[] = [
        ...(input.idem
          ? [
              {
                item: idempotencyPut(table, input.idem, { rewardId: r.rewardId }, input.now),
                refusal: 'replay' as const,
              },
            ]
          : []),
        { item: write, refusal: input.notFound },
        ...extraItems(input.extra),
      ];
      return run<{ rewardId: string }>(items, input.idem);
    },

    /** A stock change at one station and its log entry (who, why), together; a shelf never below 0. */
    async changeStock(input: {
      log: StockLogRecord;
      idem: Idempotency;
      now: Date;
      rewardMissing: () => Error;
      belowZero: () => Error;
    }) {
      const l = input.log;
      return run<StockLogRecord>(
        [
          idemItem(input.idem, l, input.now),
          {
            item: {
              ConditionCheck: {
                TableName,
                Key: keys.reward(l.communityId, l.rewardId),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            refusal: input.rewardMissing,
          },
          {
            item: {
              Update: {
                TableName,
                Key: keys.stock(l.communityId, l.rewardId, l.stationId),
                UpdateExpression: 'ADD quantity :delta SET kind = :kind',
                ...(l.delta < 0 ? { ConditionExpression: 'quantity >= :needed' } : {}),
                ExpressionAttributeValues: {
                  ':delta': l.delta,
                  ':kind': 'stock',
                  ...(l.delta < 0 ? { ':needed': -l.delta } : {}),
                },
              },
            },
            refusal: input.belowZero,
          },
          {
            item: {
              Put: {
                TableName,
                Item: { ...keys.stockLog(l.communityId, l.rewardId, l.at, l.entryId), kind: 'stocklog', ...l },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          },
        ],
        input.idem,
      );
    },

    async stockQuantity(communityId: string, rewardId: string, stationId: string): Promise<number> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.stock(communityId, rewardId, stationId), ConsistentRead: true }),
      );
      return (out.Item?.quantity as number | undefined) ?? 0;
    },

    /** A reward's stock changes, newest first. */
    async stockLog(communityId: string, rewardId: string, cursor: string | undefined, limit: number) {
      const pk = keys.stockLogOf(communityId, rewardId);
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: decodeCursor(cursor, { pk }),
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => strip<StockLogRecord>(i)),
        cursor: encodeCursor(out.LastEvaluatedKey),
      };
    },

    /** An admin's adjustment: the balance and an `adjust` entry together; never below 0. */
    async adjust(input: {
      entry: LedgerRecord;
      account: AccountState;
      idem: Idempotency;
      response: unknown;
      now: Date;
      insufficient: () => Error;
      /** Commits with the adjustment (the resident's message). */
      extra?: readonly TransactItem[];
    }) {
      const e = input.entry;
      return run(
        [
          idemItem(input.idem, input.response, input.now),
          ...balanceItems(e, input.account, input.insufficient),
          ...extraItems(input.extra),
        ],
        input.idem,
      );
    },

    async getHeld(communityId: string, creditId: string): Promise<HeldCreditRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.heldCredit(communityId, creditId), ConsistentRead: true }),
      );
      return out.Item ? strip<HeldCreditRecord>(out.Item) : undefined;
    },

    /** Held weigh-ins of one status, newest first (held ones are few: a filter on one small partition). */
    async heldCredits(communityId: string, status: HeldStatus, cursor: string | undefined, limit: number) {
      const pk = keys.heldCredits(communityId);
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :credit)',
          FilterExpression: '#s = :status',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':pk': pk, ':credit': 'CREDIT#', ':status': status },
          ExclusiveStartKey: decodeCursor(cursor, { pk }),
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => strip<HeldCreditRecord>(i)),
        cursor: encodeCursor(out.LastEvaluatedKey),
      };
    },

    /**
     * An admin approves a held weigh-in: it leaves `held` once, and the points
     * go in through the same items as any credit (daily total, balance, entry).
     */
    async approveHeld(input: {
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
      const e = input.entry;
      const items: { item: TransactItem; refusal?: Refusal }[] = [decideHeldItem(input.decided, input.alreadyDecided)];
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
          ...balanceItems(e, input.account),
          earnedMonthItem(e),
        );
      } else {
        // Approved over the daily cap: no points, but the weigh-in counts in the figures.
        items.push(...balanceItems(e, input.account));
      }
      items.push(...extraItems(input.extra));
      return run(items, undefined);
    },

    async rejectHeld(input: { decided: HeldCreditRecord; alreadyDecided: () => Error }) {
      return run([decideHeldItem(input.decided, input.alreadyDecided)], undefined);
    },

    /**
     * Volunteer points for attending an activity: the sign-up is marked
     * attended in the same transaction, so each person is credited once per activity, forever.
     */
    async creditVolunteer(input: {
      entry: LedgerRecord;
      account: AccountState;
      activityId: string;
      alreadyCredited: () => Error;
      /** Commits with the credit (the volunteer's message). */
      extra?: readonly TransactItem[];
    }) {
      const e = input.entry;
      return run(
        [
          {
            item: {
              Update: {
                TableName,
                Key: keys.activitySignup(e.communityId, input.activityId, e.userId),
                UpdateExpression: 'SET attendedAt = :at, attendedBy = :by, creditedPoints = :p, creditEntryId = :e',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(attendedAt)',
                ExpressionAttributeValues: { ':at': e.at, ':by': e.by, ':p': e.points, ':e': e.entryId },
              },
            },
            refusal: input.alreadyCredited,
          },
          ...balanceItems(e, input.account),
          earnedMonthItem(e),
          ...extraItems(input.extra),
        ],
        undefined,
      );
    },

    /** Accounts of a community, a page at a time (the expiry sweep walks them). */
    async accounts(communityId: string, cursor: string | undefined, limit: number) {
      const gsi1pk = keys.accountsOfCommunity(communityId);
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': gsi1pk },
          ExclusiveStartKey: decodeCursor(cursor, { gsi1pk }),
          Limit: limit,
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => ({ userId: i.userId as string })),
        cursor: encodeCursor(out.LastEvaluatedKey),
      };
    },

    /** One account's entries from `from` on (amounts only), read consistently. */
    async entriesSince(communityId: string, userId: string, from: string) {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.pointsPartition(communityId, userId),
          ':from': `LEDGER#${from}`,
          ':to': 'LEDGER#~',
        },
        ProjectionExpression: 'entryId, #at, points',
        ExpressionAttributeNames: { '#at': 'at' },
        ConsistentRead: true,
      });
      return items as { entryId: string; at: string; points: number }[];
    },

    /**
     * An `expire` entry, written only if the account is still the one the
     * amount was worked out from; its fixed key makes it once per account and year.
     */
    async expire(input: { entry: LedgerRecord; account: AccountState; done: () => Error }) {
      const e = input.entry;
      return run(
        [{ item: ledgerItem(e, input.account).item, refusal: input.done }, accountItem(e, input.account)],
        undefined,
      );
    },

    async expiryRun(communityId: string, year: number): Promise<ExpiryRunRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.expiryRun(communityId, year), ConsistentRead: true }),
      );
      return out.Item ? strip<ExpiryRunRecord>(out.Item) : undefined;
    },

    async saveExpiryRun(run: ExpiryRunRecord): Promise<void> {
      await table.doc.send(
        new PutCommand({ TableName, Item: { ...keys.expiryRun(run.communityId, run.year), kind: 'expiry', ...run } }),
      );
    },

    /** Every entry of a community's Shanghai month (the figures and the leaderboard), only the fields they read. */
    async ledgerOfMonth(communityId: string, month: string): Promise<MonthEntry[]> {
      const items = await queryAll(table, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.ledgerOfMonth(communityId, month) },
        ProjectionExpression: 'userId, #type, points, #lines, buildingId',
        ExpressionAttributeNames: { '#type': 'type', '#lines': 'lines' },
      });
      return items as unknown as MonthEntry[];
    },
  };

  function decideHeldItem(decided: HeldCreditRecord, alreadyDecided: () => Error) {
    return {
      item: {
        Put: {
          TableName,
          Item: { ...keys.heldCredit(decided.communityId, decided.creditId), kind: 'held', ...decided },
          ConditionExpression: '#s = :held',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':held': 'held' },
        },
      },
      refusal: alreadyDecided,
    };
  }
}

export type PointsRepository = ReturnType<typeof createPointsRepository>;

export interface StockLogRecord {
  entryId: string;
  communityId: string;
  rewardId: string;
  stationId: string;
  /** Signed: goods in positive, out (damaged, counted short) negative. */
  delta: number;
  reason: string;
  by: string;
  at: string;
}

export const HELD_STATUSES = ['held', 'approved', 'rejected'] as const;
export type HeldStatus = (typeof HELD_STATUSES)[number];

/** A weigh-in held for an admin (see `hold`), and what the admin decided. */
export interface HeldCreditRecord {
  creditId: string;
  communityId: string;
  userId: string;
  stationId: string;
  operatorId: string;
  lines: { material: string; label: string; grams: number; points: number; outlier: boolean }[];
  points: number;
  status: HeldStatus;
  at: string;
  decidedAt?: string;
  decidedBy?: string;
  rejectReason?: string;
  creditedPoints?: number;
}

export interface ExpiryRunRecord {
  communityId: string;
  year: number;
  /** Where the walk over the accounts stopped; null when it has not started or is done. */
  cursor: string | null;
  done: boolean;
  accounts: number;
  points: number;
  updatedAt: string;
}

export type MonthEntry = Pick<LedgerRecord, 'userId' | 'type' | 'points' | 'lines' | 'buildingId'>;

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
