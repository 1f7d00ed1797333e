import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, Household, type HouseholdStatus } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { INDEX } from './table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';
import { type MembershipRecord, memberships } from './users.js';

/** A binding request as stored; fields added later read with their defaults. */
const HouseholdRecord = Household.extend({
  decidedAt: z.string().nullable().default(null),
  decidedBy: z.string().nullable().default(null),
  rejectReason: z.string().nullable().default(null),
  decisions: Household.shape.decisions.default([]),
});

export const households = entity({
  kind: 'household',
  doc: "A person's request to bind a home, its decisions, and (approved) the home staff find residents by.",
  schema: HouseholdRecord,
  key: { pk: 'HOUSEHOLD#{householdId}', sk: 'HOUSEHOLD' },
  // Unit and room padded, so a building's homes sort by unit, then room.
  derived: (h) => ({ unitPadded: String(h.unit).padStart(3, '0'), roomPadded: h.room.padStart(8, '0') }),
  indexes: {
    [INDEX.gsi1]: { pk: 'COMM#{communityId}#HOUSEHOLDS#{status}', sk: '{requestedAt}#{householdId}' },
    [INDEX.gsi2]: { pk: 'USER#{userId}#HOUSEHOLDS', sk: '{requestedAt}' },
    [INDEX.gsi3]: {
      pk: 'COMM#{communityId}#HOMES#{buildingId}',
      sk: '{unitPadded}#{roomPadded}#{householdId}',
      when: (h: Household) => h.status === 'approved',
    },
  },
  patterns: {
    ofStatus: {
      doc: "A community's requests of one status (pending oldest first; the admin's count too).",
      index: INDEX.gsi1,
      pk: 'COMM#{communityId}#HOUSEHOLDS#{status}',
    },
    ofUser: {
      doc: "A person's requests, newest first (erasure).",
      index: INDEX.gsi2,
      pk: 'USER#{userId}#HOUSEHOLDS',
      descending: true,
    },
    homesOfBuilding: {
      doc: 'Approved homes of a building, by unit and room: how staff find a resident.',
      index: INDEX.gsi3,
      pk: 'COMM#{communityId}#HOMES#{buildingId}',
    },
  },
});

/** At most one pending or approved home per person and community. */
export const householdLocks = entity({
  kind: 'householdlock',
  doc: 'At most one pending or approved home per person and community.',
  schema: z.object({ householdId: z.string() }),
  key: { pk: 'USER#{userId}', sk: 'HOUSEHOLD_LOCK#{communityId}' },
});

const lockItem = (h: Household) => householdLocks.item({ householdId: h.householdId }, h);

export function createHouseholdsRepository(table: TableRef) {
  const TableName = table.tableName;

  return {
    /**
     * Stores a new request, at most one pending or approved per person and
     * community; a repeated `Idempotency-Key` returns the first result.
     */
    async create(household: Household, idem: Idempotency, now: Date): Promise<Household> {
      try {
        await writeTransaction(table, [
          idempotencyPut(table, idem, household, now),
          {
            Put: {
              TableName,
              Item: lockItem(household),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName, Item: households.item(household), ConditionExpression: 'attribute_not_exists(pk)' } },
        ]);
        return household;
      } catch (error) {
        if (!(error instanceof TransactionRefused)) throw error;
        if (error.failed(0)) return replayIdempotent<Household>(table, idem);
        if (error.failed(1))
          throw new ConflictError('HOUSEHOLD_ALREADY_REQUESTED', '您在该社区已有待审核或已通过的住户绑定');
        throw error;
      }
    },

    async get(householdId: string): Promise<Household | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: households.key({ householdId }) }));
      return out.Item ? households.parse(out.Item) : undefined;
    },

    listByStatus(communityId: string, status: HouseholdStatus, cursor: string | undefined, limit: number) {
      // Oldest pending first: they have waited longest.
      return households.page(
        table,
        'ofStatus',
        { communityId, status },
        { cursor, limit, descending: status !== 'pending' },
      );
    },

    listOfBuilding(communityId: string, buildingId: string, cursor: string | undefined, limit: number) {
      return households.page(table, 'homesOfBuilding', { communityId, buildingId }, { cursor, limit });
    },

    /** Every request of one person, newest first. */
    listOfUser(userId: string): Promise<Household[]> {
      return households.all(table, 'ofUser', { userId });
    },

    /**
     * Approval: the request, and the membership that makes the applicant a
     * resident, change together or not at all; `extra` (the applicant's
     * message) commits with them.
     */
    async approve(
      decided: Household,
      communityName: string,
      gridId: string | null,
      extra: readonly TransactItem[] = [],
    ): Promise<void> {
      const index = memberships.indexKey(INDEX.gsi1, decided);
      await decide(decided, [
        {
          Update: {
            TableName,
            Key: memberships.key(decided),
            UpdateExpression:
              'ADD #roles :resident SET householdId = :hid, home = :home, communityName = :cname, userId = :uid, communityId = :cid, ' +
              'gridIds = if_not_exists(gridIds, :empty), stationIds = if_not_exists(stationIds, :empty), ' +
              'gsi1pk = :g1pk, gsi1sk = :g1sk, kind = :kind',
            ExpressionAttributeNames: { '#roles': 'roles' },
            ExpressionAttributeValues: {
              ':resident': new Set(['resident']),
              ':hid': decided.householdId,
              ':home': { estateId: decided.estateId, buildingId: decided.buildingId, gridId, address: decided.address },
              ':cname': communityName,
              ':uid': decided.userId,
              ':cid': decided.communityId,
              ':empty': [],
              ':g1pk': index.gsi1pk,
              ':g1sk': index.gsi1sk,
              ':kind': memberships.kind,
            },
          },
        },
        ...extra,
      ]);
    },

    /** Rejection frees the person to ask again with a corrected address; `extra` commits with it. */
    async reject(decided: Household, extra: readonly TransactItem[] = []): Promise<void> {
      await decide(decided, [
        {
          Delete: {
            TableName,
            Key: householdLocks.key(decided),
            ConditionExpression: 'householdId = :hid',
            ExpressionAttributeValues: { ':hid': decided.householdId },
          },
        },
        ...extra,
      ]);
    },

    /** Household keys of a person, for erasure. */
    async keysOfUser(userId: string) {
      return (await this.listOfUser(userId)).map((h) => households.key(h));
    },
  };

  async function decide(decided: Household, more: TransactItem[]) {
    try {
      await writeTransaction(table, [
        {
          Put: {
            TableName,
            Item: households.item(decided),
            ConditionExpression: '#s = :pending',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':pending': 'pending' },
          },
        },
        ...more,
      ]);
    } catch (error) {
      if (error instanceof TransactionRefused && error.failed(0))
        throw new ConflictError('HOUSEHOLD_ALREADY_DECIDED', '该申请已被处理，请刷新列表');
      throw error;
    }
  }
}

export type HouseholdsRepository = ReturnType<typeof createHouseholdsRepository>;
export type { MembershipRecord };

/** Seeding: an already-approved home with its lock, written as is. */
export async function putApprovedHousehold(table: TableRef, household: Household): Promise<void> {
  await writeTransaction(table, [
    { Put: { TableName: table.tableName, Item: households.item(household) } },
    { Put: { TableName: table.tableName, Item: lockItem(household) } },
  ]);
}
