/**
 * Accounts and their ledger: every change of a balance is one entry written
 * in the same transaction as the account, conditioned on the account's `seq`
 * as read, so the entry's `balanceAfter` is exact and balance = Σ ledger.
 * The day and month counters an earning grows live in the same partition.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { LEDGER_TYPES } from '@linli/shared';
import * as z from 'zod';
import { signups } from '../activities.js';
import type { TableRef } from '../client.js';
import { communitySettings } from '../communities.js';
import { entity } from '../entity.js';
import { answerOf, earlierResponse, type Idempotency, idempotencyRecords } from '../idempotency.js';
import { type MemberCodeRecord, memberCodes, type Spend } from '../point-codes.js';
import { batchGetAll, queryAll, readTogether } from '../query.js';
import { INDEX } from '../table-definition.js';
import type { TransactItem } from '../transactions.js';
import { memberships, userProfiles } from '../users.js';
import { balanceMoved, extraItems, pointsTransactions, type Refusal } from './refusals.js';
import { SortFlagRecord } from './sort-quality.js';

const ACCOUNT_PK = 'COMM#{communityId}#PTS#{userId}';

export const LedgerEntrySchema = z.object({
  entryId: z.string(),
  communityId: z.string(),
  userId: z.string(),
  type: z.enum(LEDGER_TYPES),
  /** Signed: earnings positive, spending negative. */
  points: z.number(),
  at: z.string(),
  /** Shanghai month `YYYY-MM`, for the month's figures. */
  month: z.string(),
  note: z.string(),
  /** What it belongs to: a credit, a redemption, an activity, an adjustment. */
  ref: z.string(),
  by: z.string().nullable(),
  /** Recycling only: what was weighed, in grams as weighed (labels absent on the first entries). */
  lines: z
    .array(z.object({ material: z.string(), label: z.string().optional(), grams: z.number(), points: z.number() }))
    .optional(),
  stationId: z.string().optional(),
  /** The resident's building, for participation figures. */
  buildingId: z.string().nullable().optional(),
  /** Recycling only: the operator noted the delivery was badly sorted (for the building's figure). */
  sortFlag: SortFlagRecord.optional(),
  /**
   * The balance this entry left and its place in the account (1, 2, …): written in the transaction
   * that conditions on the account it read. Absent on entries older than the fields.
   */
  balanceAfter: z.number().optional(),
  seq: z.number().optional(),
});
export type LedgerRecord = z.infer<typeof LedgerEntrySchema>;
export type MonthEntry = Pick<LedgerRecord, 'userId' | 'type' | 'points' | 'lines' | 'buildingId'>;

export const ledgerEntries = entity({
  kind: 'ledger',
  doc: 'One change of a balance (append-only); its account changes in the same transaction.',
  schema: LedgerEntrySchema,
  key: { pk: ACCOUNT_PK, sk: 'LEDGER#{at}#{entryId}' },
  indexes: {
    // Every entry of a community's month in one partition: the source of the points figures.
    [INDEX.gsi2]: { pk: 'PTSLEDGER#{communityId}#{month}', sk: '{at}#{entryId}' },
  },
  patterns: {
    ofAccount: {
      doc: "A resident's ledger, newest first; a month of it; export; the expiry sum.",
      index: 'table',
      pk: ACCOUNT_PK,
      skPrefix: 'LEDGER#',
      descending: true,
    },
    ofMonth: {
      doc: "Every entry of a community's Shanghai month: the points figures and the leaderboard.",
      index: INDEX.gsi2,
      pk: 'PTSLEDGER#{communityId}#{month}',
    },
  },
});

export const AccountSchema = z.object({
  communityId: z.string(),
  userId: z.string(),
  balance: z.number(),
  /** How many entries changed it; absent on an account older than the field. */
  seq: z.number().optional(),
  /** The time of its latest entry: a new one is always later, so time order is balance order. */
  lastAt: z.string().optional(),
});

export const accounts = entity({
  kind: 'account',
  doc: "A resident's balance in a community, its entry count (`seq`) and latest entry time.",
  schema: AccountSchema,
  key: { pk: ACCOUNT_PK, sk: 'ACCOUNT' },
  indexes: { [INDEX.gsi1]: { pk: 'PTSACCOUNTS#{communityId}', sk: '{userId}' } },
  patterns: {
    ofAccountPartition: { doc: 'Everything of one account (erasure).', index: 'table', pk: ACCOUNT_PK },
    ofCommunity: {
      doc: "A community's accounts, a page at a time (the expiry sweep).",
      index: INDEX.gsi1,
      pk: 'PTSACCOUNTS#{communityId}',
    },
  },
});

/**
 * An account as read before a change: the change is written only if the
 * account is still at `seq`, so the entry's `balanceAfter` is exact.
 */
export interface AccountState {
  balance: number;
  /** How many entries changed it through the repository; 0 for a new (or older) account. */
  seq: number;
  /** The time of its latest entry. */
  lastAt: string | null;
}

/** The state a change is written against, from the account item (none: a new account). */
export function accountState(item: Record<string, unknown> | undefined): AccountState {
  if (!item) return { balance: 0, seq: 0, lastAt: null };
  const a = accounts.parse(item);
  return { balance: a.balance, seq: a.seq ?? 0, lastAt: a.lastAt ?? null };
}

/** Recycling points credited on one Shanghai day, for the daily cap. */
export const pointsDays = entity({
  kind: 'pointsday',
  doc: 'Recycling points credited to a resident on one Shanghai day: the daily cap.',
  schema: z.object({ earned: z.number() }),
  key: { pk: ACCOUNT_PK, sk: 'DAY#{date}' },
});

/** Points a resident earned (recycling and volunteering) in a Shanghai month: the leaderboard reads these. */
export const pointsMonths = entity({
  kind: 'pointsmonth',
  doc: 'Points a resident earned in a Shanghai month: the leaderboard reads these, not the ledger.',
  schema: z.object({ earned: z.number() }),
  key: { pk: ACCOUNT_PK, sk: 'MONTH#{month}' },
});

/** The transaction items of a change of balance, for one table. */
export function balanceWrites(TableName: string) {
  const ledgerItem = (e: LedgerRecord, seen: AccountState) => ({
    item: {
      Put: {
        TableName,
        Item: ledgerEntries.item({ ...e, balanceAfter: seen.balance + e.points, seq: seen.seq + 1 }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    } as TransactItem,
  });

  /**
   * The balance moves by the entry's points, only from the account state `seen`
   * (its `seq`); spending is refused below zero. A failed condition is a short
   * balance when `seen` was already short, else a moved account (read again).
   */
  const accountItem = (e: LedgerRecord, seen: AccountState, insufficient?: () => Error) => {
    const delta = e.points;
    const conditions = [seen.seq === 0 ? 'attribute_not_exists(seq)' : 'seq = :seq'];
    if (delta < 0) conditions.push('balance >= :needed');
    const index = accounts.indexKey(INDEX.gsi1, e);
    return {
      item: {
        Update: {
          TableName,
          Key: accounts.key(e),
          UpdateExpression:
            'ADD balance :delta SET seq = :next, lastAt = :at, userId = :uid, communityId = :cid, kind = :kind, gsi1pk = :g1, gsi1sk = :uid',
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeValues: {
            ':delta': delta,
            ':next': seen.seq + 1,
            ':at': e.at,
            ':uid': e.userId,
            ':cid': e.communityId,
            ':kind': accounts.kind,
            ':g1': index.gsi1pk,
            ...(seen.seq === 0 ? {} : { ':seq': seen.seq }),
            ...(delta < 0 ? { ':needed': -delta } : {}),
          },
        },
      } as TransactItem,
      refusal: (insufficient && seen.balance + delta < 0 ? insufficient : balanceMoved) as Refusal,
    };
  };

  /** An earning also counts towards the resident's month, which the leaderboard reads instead of the ledger. */
  const earnedMonthItem = (e: LedgerRecord) => ({
    item: {
      Update: {
        TableName,
        Key: pointsMonths.key(e),
        UpdateExpression: 'ADD earned :p SET kind = :kind',
        ExpressionAttributeValues: { ':p': e.points, ':kind': pointsMonths.kind },
      },
    } as TransactItem,
  });

  /** The account's change and its entry, always together. */
  const balanceItems = (e: LedgerRecord, seen: AccountState, insufficient?: () => Error) => [
    accountItem(e, seen, insufficient),
    ledgerItem(e, seen),
  ];

  /**
   * A recycling credit (a weigh-in, or a held one approved): the day's total
   * grows within the cap, then the balance, the entry and the month's earnings.
   * A weigh-in over the cap credits nothing but is still an entry: its kilograms count.
   */
  const cappedEarningItems = (
    e: LedgerRecord,
    seen: AccountState,
    cap: { date: string; dailyCap: number; capMoved: () => Error },
  ) =>
    e.points > 0
      ? [
          {
            item: {
              Update: {
                TableName,
                Key: pointsDays.key({ ...e, date: cap.date }),
                UpdateExpression: 'ADD earned :p SET kind = :kind',
                ConditionExpression: 'attribute_not_exists(earned) OR earned <= :room',
                ExpressionAttributeValues: {
                  ':p': e.points,
                  ':room': cap.dailyCap - e.points,
                  ':kind': pointsDays.kind,
                },
              },
            } as TransactItem,
            refusal: cap.capMoved as Refusal,
          },
          ...balanceItems(e, seen),
          earnedMonthItem(e),
        ]
      : balanceItems(e, seen);

  return { ledgerItem, accountItem, earnedMonthItem, balanceItems, cappedEarningItems };
}

export function createLedgerRepository(table: TableRef) {
  const TableName = table.tableName;
  const { run, idemItem } = pointsTransactions(table);
  const writes = balanceWrites(TableName);

  return {
    async balance(communityId: string, userId: string): Promise<number> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: accounts.key({ communityId, userId }), ConsistentRead: true }),
      );
      return accountState(out.Item).balance;
    },

    /** The balance and the community's settings (the exchange day) in one BatchGet: the points page. */
    async balanceWithSettings(communityId: string, userId: string) {
      const read = await readTogether(table, {
        account: { key: accounts.key({ communityId, userId }), parse: (item) => item },
        settings: { key: communitySettings.key({ communityId }), parse: communitySettings.parse },
      });
      return { balance: accountState(read.account).balance, settings: read.settings };
    },

    /** The account as a change must see it (see `AccountState`), read consistently. */
    async account(communityId: string, userId: string): Promise<AccountState> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: accounts.key({ communityId, userId }), ConsistentRead: true }),
      );
      return accountState(out.Item);
    },

    async earnedOn(communityId: string, userId: string, date: string): Promise<number> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: pointsDays.key({ communityId, userId, date }), ConsistentRead: true }),
      );
      return out.Item ? pointsDays.parse(out.Item).earned : 0;
    },

    /** Points each of `userIds` earned in a Shanghai month (missing: none). */
    async earnedInMonth(communityId: string, userIds: readonly string[], month: string): Promise<Map<string, number>> {
      const unique = [...new Set(userIds)];
      const items = await batchGetAll(
        table,
        unique.map((userId) => pointsMonths.key({ communityId, userId, month })),
      );
      const byPk = new Map(items.map((i) => [i.pk as string, pointsMonths.parse(i).earned]));
      return new Map(
        unique.map((userId) => [userId, byPk.get(pointsMonths.key({ communityId, userId, month }).pk) ?? 0]),
      );
    },

    /** Ledger entries of one account, newest first. */
    ledger(communityId: string, userId: string, cursor: string | undefined, limit: number) {
      return ledgerEntries.page(table, 'ofAccount', { communityId, userId }, { cursor, limit });
    },

    /** Every entry of one account (export). */
    allEntries(communityId: string, userId: string): Promise<LedgerRecord[]> {
      return ledgerEntries.all(table, 'ofAccount', { communityId, userId }, { descending: false });
    },

    /** Every key of one account's partition (erasure). */
    async keysOfAccount(communityId: string, userId: string): Promise<{ pk: string; sk: string }[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': accounts.partition('ofAccountPartition', { communityId, userId }) },
        ProjectionExpression: 'pk, sk',
      });
      return items.map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
    },

    /** Ledger entries of one account between two instants (a month: a few dozen at most), oldest first. */
    ledgerBetween(communityId: string, userId: string, from: string, to: string): Promise<LedgerRecord[]> {
      return ledgerEntries.all(table, 'ofAccount', { communityId, userId }, { from, to, descending: false });
    },

    /** One account's entries from `from` on (amounts only), read consistently, oldest first. */
    entriesSince(communityId: string, userId: string, from: string) {
      return ledgerEntries.fields(table, 'ofAccount', { communityId, userId }, ['entryId', 'at', 'points'], {
        from,
        to: '~',
        consistent: true,
        descending: false,
      });
    },

    /** Accounts of a community, a page at a time (the expiry sweep walks them). */
    async accounts(communityId: string, cursor: string | undefined, limit: number) {
      const page = await accounts.page(table, 'ofCommunity', { communityId }, { cursor, limit });
      return { items: page.items.map((a) => ({ userId: a.userId })), cursor: page.cursor };
    },

    /**
     * What a weigh-in checks first, in one consistent BatchGet: the answer an
     * earlier request with its Idempotency-Key got, the community's settings and
     * (when given, well typed) the member code scanned.
     */
    async weighInSetup(q: { idem: Idempotency; communityId: string; memberCode?: string }) {
      const read = await readTogether(table, {
        earlier: {
          key: idempotencyRecords.key(q.idem),
          parse: (item) => ({ answer: answerOf<unknown>(item, q.idem) }),
        },
        settings: { key: communitySettings.key(q), parse: communitySettings.parse },
        ...(q.memberCode ? { code: { key: memberCodes.key({ code: q.memberCode }), parse: memberCodes.parse } } : {}),
      });
      return { earlier: read.earlier, settings: read.settings, memberCode: read.code as MemberCodeRecord | undefined };
    },

    /**
     * Whom a weigh-in credits and what it is written against, in one consistent
     * BatchGet: the profile, the membership, the account and the day's total.
     */
    async creditReads(q: { communityId: string; userId: string; date: string }) {
      const read = await readTogether(table, {
        resident: { key: userProfiles.key(q), parse: userProfiles.parse },
        member: { key: memberships.key(q), parse: memberships.parse },
        account: { key: accounts.key(q), parse: (item) => accountState(item) },
        day: { key: pointsDays.key(q), parse: pointsDays.parse },
      });
      return {
        resident: read.resident,
        member: read.member,
        account: read.account ?? accountState(undefined),
        earnedToday: read.day?.earned ?? 0,
        date: q.date,
      };
    },

    /** What an earlier request with this Idempotency-Key answered, if any. */
    earlier<T>(idem: Idempotency): Promise<T | undefined> {
      return earlierResponse<T>(table, idem);
    },

    /**
     * A weigh-in: the member code (or the resident's confirmation) is spent,
     * the day's total grows within the cap, the balance grows and the entry
     * is written — or nothing is.
     */
    credit(input: {
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
      return run(
        [
          idemItem(input.idem, input.response, input.now),
          input.spend({ ref: e.ref, response: input.response, now: input.now }),
          ...writes.cappedEarningItems(e, input.account, input),
          ...extraItems(input.extra),
        ],
        input.idem,
      );
    },

    /** An admin's adjustment: the balance and an `adjust` entry together; never below 0. */
    adjust(input: {
      entry: LedgerRecord;
      account: AccountState;
      idem: Idempotency;
      response: unknown;
      now: Date;
      insufficient: () => Error;
      /** Commits with the adjustment (the resident's message). */
      extra?: readonly TransactItem[];
    }) {
      return run(
        [
          idemItem(input.idem, input.response, input.now),
          ...writes.balanceItems(input.entry, input.account, input.insufficient),
          ...extraItems(input.extra),
        ],
        input.idem,
      );
    },

    /**
     * Volunteer points for attending an activity: the sign-up is marked
     * attended in the same transaction, so each person is credited once per activity, forever.
     */
    creditVolunteer(input: {
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
                Key: signups.key({ ...e, activityId: input.activityId }),
                UpdateExpression: 'SET attendedAt = :at, attendedBy = :by, creditedPoints = :p, creditEntryId = :e',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(attendedAt)',
                ExpressionAttributeValues: { ':at': e.at, ':by': e.by, ':p': e.points, ':e': e.entryId },
              },
            },
            refusal: input.alreadyCredited,
          },
          ...writes.balanceItems(e, input.account),
          writes.earnedMonthItem(e),
          ...extraItems(input.extra),
        ],
        undefined,
      );
    },
  };
}
