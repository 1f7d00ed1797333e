/**
 * Reservations and counter redemptions: a redemption is written in the
 * transaction that takes the points and the stock; it waits in the due index
 * while reserved, and its status is in the station queue's sort key.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type CommunitySettings, REDEMPTION_STATUSES, type RedemptionStatus, type Station } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { communitySettings, stations } from '../communities.js';
import { entity } from '../entity.js';
import type { Idempotency } from '../idempotency.js';
import type { NamedItem } from '../point-codes.js';
import { readTogether } from '../query.js';
import { INDEX } from '../table-definition.js';
import type { TransactItem } from '../transactions.js';
import { type UserRecord, userProfiles } from '../users.js';
import { type AccountState, accountState, accounts, balanceWrites, type LedgerRecord } from './ledger.js';
import { extraItems, pointsTransactions } from './refusals.js';
import { type RewardRecord, rewards, shelfWrites } from './rewards.js';

export const RedemptionItemSchema = z.object({
  rewardId: z.string(),
  name: z.string(),
  quantity: z.number(),
  pointsCost: z.number(),
  monthlyLimit: z.number().nullable(),
});
export type RedemptionItem = z.infer<typeof RedemptionItemSchema>;

export const RedemptionSchema = z.object({
  redemptionId: z.string(),
  communityId: z.string(),
  userId: z.string(),
  residentName: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  items: z.array(RedemptionItemSchema),
  totalPoints: z.number(),
  status: z.enum(REDEMPTION_STATUSES),
  month: z.string(),
  createdAt: z.string(),
  windowClosesAt: z.string(),
  fulfilledAt: z.string().nullable(),
  fulfilledBy: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** The 16-digit code the resident shows to pick up (reserved ones; absent in counter mode). */
  pickupCode: z.string().optional(),
});
export type RedemptionRecord = z.infer<typeof RedemptionSchema>;

export const redemptions = entity({
  kind: 'redemption',
  doc: 'A reservation (or a counter redemption): what, where, for how many points, and its status.',
  schema: RedemptionSchema,
  key: { pk: 'COMM#{communityId}#RED#{redemptionId}', sk: 'REDEMPTION' },
  indexes: {
    [INDEX.gsi1]: { pk: 'RED#{communityId}#USER#{userId}', sk: '{createdAt}#{redemptionId}' },
    [INDEX.gsi2]: { pk: 'RED#{communityId}#STATION#{stationId}', sk: '{status}#{createdAt}#{redemptionId}' },
    // Reserved ones wait in the due index until the window closes.
    [INDEX.gsi5]: {
      pk: 'REDDUE#{communityId}',
      sk: '{windowClosesAt}#{redemptionId}',
      when: (r: RedemptionRecord) => r.status === 'reserved',
    },
  },
  patterns: {
    ofResident: {
      doc: "A resident's redemptions, newest first.",
      index: INDEX.gsi1,
      pk: 'RED#{communityId}#USER#{userId}',
      descending: true,
    },
    atStation: {
      doc: "A station's redemptions of one status, oldest first (the sort key starts with the status).",
      index: INDEX.gsi2,
      pk: 'RED#{communityId}#STATION#{stationId}',
    },
    due: {
      doc: 'Reservations by window close: the close sweep refunds the closed ones, the morning reminder reads a range.',
      index: INDEX.gsi5,
      pk: 'REDDUE#{communityId}',
    },
  },
});

export function createRedemptionsRepository(table: TableRef) {
  const TableName = table.tableName;
  return {
    async getRedemption(communityId: string, redemptionId: string): Promise<RedemptionRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: redemptions.key({ communityId, redemptionId }), ConsistentRead: true }),
      );
      return out.Item ? redemptions.parse(out.Item) : undefined;
    },

    redemptionsOf(communityId: string, userId: string, cursor: string | undefined, limit: number) {
      return redemptions.page(table, 'ofResident', { communityId, userId }, { cursor, limit });
    },

    /** A station's redemptions of one status, oldest first. */
    async redemptionsAtStation(
      communityId: string,
      stationId: string,
      status: RedemptionStatus,
      cursor: string | undefined,
      limit: number,
    ) {
      return redemptions.page(table, 'atStation', { communityId, stationId }, { cursor, limit, prefix: `${status}#` });
    },

    /** Reservations whose window has closed by `now`: the sweep cancels and refunds them. */
    /** Reservations whose window closed by `now`, oldest first: the first `limit` of them, or all. */
    async dueRedemptions(communityId: string, now: string, limit?: number): Promise<RedemptionRecord[]> {
      if (!limit) return redemptions.all(table, 'due', { communityId }, { to: `${now}#~` });
      return (await redemptions.page(table, 'due', { communityId }, { to: `${now}#~`, limit })).items;
    },

    /**
     * Reservations still waiting whose window closes after `from` and by
     * `to` (the exchange-morning reminder): the same due index, a key range.
     */
    waitingBetween(communityId: string, from: string, to: string): Promise<RedemptionRecord[]> {
      return redemptions.all(table, 'due', { communityId }, { from: `${from}#~`, to: `${to}#~` });
    },
  };
}

/** What a reservation checks before its transaction, read together (see `reservationReads`). */
export interface ReservationReads {
  resident: UserRecord | undefined;
  settings: CommunitySettings | undefined;
  station: Station | undefined;
  /** The rewards asked for that exist. */
  rewards: RewardRecord[];
  account: AccountState;
}

export function createReservationsRepository(table: TableRef) {
  const TableName = table.tableName;
  const { run, idemItem } = pointsTransactions(table);
  const balance = balanceWrites(TableName);
  const shelf = shelfWrites(TableName);
  const put = (r: RedemptionRecord) => ({ TableName, Item: redemptions.item(r) });

  return {
    /**
     * Everything a reservation checks, in one consistent BatchGet: the
     * resident's name, the community's exchange day, the station, the rewards
     * asked for and the account the transaction will condition on.
     */
    async reservationReads(q: {
      communityId: string;
      userId: string;
      stationId: string;
      rewardIds: readonly string[];
    }): Promise<ReservationReads> {
      const rewardIds = [...new Set(q.rewardIds)];
      const read = await readTogether(table, {
        resident: { key: userProfiles.key(q), parse: userProfiles.parse },
        settings: { key: communitySettings.key(q), parse: communitySettings.parse },
        station: { key: stations.key(q), parse: stations.parse },
        account: { key: accounts.key(q), parse: (item) => accountState(item) },
        ...Object.fromEntries(
          rewardIds.map((rewardId) => [
            `reward:${rewardId}`,
            { key: rewards.key({ ...q, rewardId }), parse: rewards.parse },
          ]),
        ),
      });
      const found = read as Record<string, unknown>;
      return {
        resident: read.resident,
        settings: read.settings,
        station: read.station,
        rewards: rewardIds.flatMap((id) => (found[`reward:${id}`] as RewardRecord | undefined) ?? []),
        account: read.account ?? accountState(undefined),
      };
    },

    /**
     * A reservation: points and stock leave together, within the monthly
     * limits, in one transaction. `fulfilled` is counter mode (handed over now).
     */
    reserve(input: {
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
      return run(
        [
          idemItem(input.idem, input.response, input.now),
          ...r.items.flatMap((item) => [
            shelf.takenItem(r, item, 1, input.limitReached(item)),
            shelf.stockItem({ ...r, rewardId: item.rewardId }, -item.quantity, input.outOfStock(item)),
          ]),
          ...balance.balanceItems(input.entry, input.account, input.insufficient),
          { item: { Put: put(r) } },
          ...(input.pickupCode ? [input.pickupCode] : []),
          ...(input.spend ? [input.spend] : []),
          ...extraItems(input.extra),
        ],
        input.idem,
      );
    },

    /** Cancelling gives everything back: points (a refund entry), stock and the month's allowance. */
    cancel(input: {
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
      return run(
        [
          ...(input.idem ? [idemItem(input.idem, input.response, input.now)] : []),
          {
            item: {
              Put: {
                ...put(input.cancelled),
                ConditionExpression: '#s = :reserved',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':reserved': 'reserved' },
              },
            },
            refusal: input.notReserved,
          },
          ...balance.balanceItems(input.entry, input.account),
          ...r.items.flatMap((item) => [
            shelf.stockItem({ ...r, rewardId: item.rewardId }, item.quantity, input.notReserved),
            shelf.takenItem(r, item, -1, input.notReserved),
          ]),
          ...extraItems(input.extra),
        ],
        input.idem,
      );
    },

    /** Handing over: only a reservation still open, before its window closed. */
    fulfil(input: {
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
                ...put(input.fulfilled),
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
  };
}
