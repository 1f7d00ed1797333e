/**
 * The catalog and its shelves: a reward, its stock at each station (never
 * below 0), the log of every stock change, and how many of a reward a
 * resident took in a month (the monthly limit).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { entity, stringSet } from '../entity.js';
import type { Idempotency } from '../idempotency.js';
import { idempotencyPut } from '../idempotency.js';
import { type TransactItem, writeTransaction } from '../transactions.js';
import { extraItems, pointsTransactions, type RefusableItem } from './refusals.js';

const CATALOG_PK = 'COMM#{communityId}#REWARDS';

export const RewardSchema = z.object({
  rewardId: z.string(),
  communityId: z.string(),
  name: z.string(),
  description: z.string(),
  pointsCost: z.number(),
  imageKey: z.string().nullable(),
  monthlyLimit: z.number().nullable(),
  active: z.boolean(),
  /** Pictures WeChat's image check judged risky (a string set in the table, added by the verdict). */
  riskyPhotos: stringSet.optional(),
});
export type RewardRecord = z.infer<typeof RewardSchema>;

export const rewards = entity({
  kind: 'reward',
  doc: 'A reward of the catalog: its price, its monthly limit, whether it is offered.',
  schema: RewardSchema,
  key: { pk: CATALOG_PK, sk: 'REWARD#{rewardId}' },
  patterns: {
    catalog: {
      doc: 'The whole catalog with every shelf, in one query (a few dozen items).',
      index: 'table',
      pk: CATALOG_PK,
    },
  },
  toItem: (r) => ({ riskyPhotos: r.riskyPhotos?.length ? new Set(r.riskyPhotos) : undefined }),
});

/** A shelf: the ids are its key's composites (the item holds only the quantity). */
export const stocks = entity({
  kind: 'stock',
  doc: 'How many of a reward one station has; a transaction never takes it below 0.',
  schema: z.object({ quantity: z.number() }),
  key: { pk: CATALOG_PK, sk: 'STOCK#{rewardId}#{stationId}' },
});

export const StockLogSchema = z.object({
  entryId: z.string(),
  communityId: z.string(),
  rewardId: z.string(),
  stationId: z.string(),
  /** Signed: goods in positive, out (damaged, counted short) negative. */
  delta: z.number(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type StockLogRecord = z.infer<typeof StockLogSchema>;

export const stockLogs = entity({
  kind: 'stocklog',
  doc: 'One stock change at a station: who, why, how many.',
  schema: StockLogSchema,
  key: { pk: 'COMM#{communityId}#STOCKLOG#{rewardId}', sk: '{at}#{entryId}' },
  patterns: {
    ofReward: {
      doc: "A reward's stock changes, newest first.",
      index: 'table',
      pk: 'COMM#{communityId}#STOCKLOG#{rewardId}',
      descending: true,
    },
  },
});

/** How many of a reward a resident took in a Shanghai month, for the monthly limit. */
export const rewardsTaken = entity({
  kind: 'taken',
  doc: 'How many of a reward a resident took in a Shanghai month: the monthly limit.',
  schema: z.object({ count: z.number() }),
  key: { pk: 'COMM#{communityId}#PTS#{userId}', sk: 'TAKEN#{month}#{rewardId}' },
});

/** The catalog fields a change of a reward writes; `riskyPhotos` is the verdicts' and never rewritten. */
const REWARD_FIELDS = ['name', 'description', 'pointsCost', 'imageKey', 'monthlyLimit', 'active'] as const;

export function createRewardsRepository(table: TableRef) {
  const TableName = table.tableName;
  const { run, idemItem } = pointsTransactions(table);

  return {
    async rewards(communityId: string): Promise<{ rewards: RewardRecord[]; stock: Map<string, Map<string, number>> }> {
      const items = await rewards.rawAll(table, 'catalog', { communityId });
      const stock = new Map<string, Map<string, number>>();
      for (const i of items.filter((i) => i.kind === stocks.kind)) {
        const [, rewardId = '', stationId = ''] = String(i.sk).split('#');
        if (!stock.has(rewardId)) stock.set(rewardId, new Map());
        stock.get(rewardId)?.set(stationId, stocks.parse(i).quantity);
      }
      return { rewards: items.filter((i) => i.kind === rewards.kind).map(rewards.parse), stock };
    },

    async getReward(communityId: string, rewardId: string): Promise<RewardRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: rewards.key({ communityId, rewardId }), ConsistentRead: true }),
      );
      return out.Item ? rewards.parse(out.Item) : undefined;
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
        ? { Put: { TableName, Item: rewards.item(r), ConditionExpression: 'attribute_not_exists(pk)' } }
        : {
            Update: {
              TableName,
              Key: rewards.key(r),
              UpdateExpression: `SET ${REWARD_FIELDS.map((f) => `#${f} = :${f}`).join(', ')}`,
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: Object.fromEntries(REWARD_FIELDS.map((f) => [`#${f}`, f])),
              ExpressionAttributeValues: Object.fromEntries(REWARD_FIELDS.map((f) => [`:${f}`, r[f]])),
            },
          };
      const items: RefusableItem[] = [
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
            item: { ConditionCheck: { TableName, Key: rewards.key(l), ConditionExpression: 'attribute_exists(pk)' } },
            refusal: input.rewardMissing,
          },
          {
            item: {
              Update: {
                TableName,
                Key: stocks.key(l),
                UpdateExpression: 'ADD quantity :delta SET kind = :kind',
                ...(l.delta < 0 ? { ConditionExpression: 'quantity >= :needed' } : {}),
                ExpressionAttributeValues: {
                  ':delta': l.delta,
                  ':kind': stocks.kind,
                  ...(l.delta < 0 ? { ':needed': -l.delta } : {}),
                },
              },
            },
            refusal: input.belowZero,
          },
          { item: { Put: { TableName, Item: stockLogs.item(l), ConditionExpression: 'attribute_not_exists(pk)' } } },
        ],
        input.idem,
      );
    },

    async stockQuantity(communityId: string, rewardId: string, stationId: string): Promise<number> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: stocks.key({ communityId, rewardId, stationId }), ConsistentRead: true }),
      );
      return out.Item ? stocks.parse(out.Item).quantity : 0;
    },

    /** A reward's stock changes, newest first. */
    stockLog(communityId: string, rewardId: string, cursor: string | undefined, limit: number) {
      return stockLogs.page(table, 'ofReward', { communityId, rewardId }, { cursor, limit });
    },
  };
}

/** Seeding and the admin catalog: a reward and its stock at each station, written as given. */
export async function putRewardWithStock(
  table: TableRef,
  reward: RewardRecord,
  stock: { stationId: string; quantity: number }[],
): Promise<void> {
  await writeTransaction(table, [
    { Put: { TableName: table.tableName, Item: rewards.item(reward) } },
    ...stock.map((s) => ({
      Put: {
        TableName: table.tableName,
        Item: {
          ...stocks.key({ communityId: reward.communityId, rewardId: reward.rewardId, stationId: s.stationId }),
          kind: stocks.kind,
          quantity: s.quantity,
        },
      },
    })),
  ]);
}

/** The shelf and monthly-limit items of a redemption or its refund, for one table. */
export function shelfWrites(TableName: string) {
  /** A shelf moves by `delta`, never below 0 (a refund needs the shelf to exist). */
  const stockItem = (
    key: { communityId: string; rewardId: string; stationId: string },
    delta: number,
    empty: () => Error,
  ): RefusableItem => ({
    item: {
      Update: {
        TableName,
        Key: stocks.key(key),
        UpdateExpression: 'ADD quantity :delta',
        ConditionExpression: delta < 0 ? 'quantity >= :needed' : 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':delta': delta, ...(delta < 0 ? { ':needed': -delta } : {}) },
      },
    },
    refusal: empty,
  });

  /** The month's count of a reward grows within its limit (`sign` 1), or shrinks back on a refund (-1). */
  const takenItem = (
    key: { communityId: string; userId: string; month: string },
    item: { rewardId: string; quantity: number; monthlyLimit: number | null },
    sign: 1 | -1,
    limitReached: () => Error,
  ): RefusableItem => {
    const limited = sign > 0 && item.monthlyLimit !== null;
    return {
      item: {
        Update: {
          TableName,
          Key: rewardsTaken.key({ ...key, rewardId: item.rewardId }),
          UpdateExpression: 'ADD #count :q',
          ...(limited ? { ConditionExpression: 'attribute_not_exists(#count) OR #count <= :room' } : {}),
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: {
            ':q': sign * item.quantity,
            ...(limited ? { ':room': (item.monthlyLimit ?? 0) - item.quantity } : {}),
          },
        },
      },
      refusal: limitReached,
    };
  };

  return { stockItem, takenItem };
}
