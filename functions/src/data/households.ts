import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type Household, type HouseholdStatus } from '@linli/shared';
import type { TableRef } from './client.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { INDEX } from './table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';
import { type MembershipRecord, memberships } from './users.js';

function toHousehold(item: Record<string, unknown>): Household {
  return {
    householdId: item.householdId as string,
    communityId: item.communityId as string,
    userId: item.userId as string,
    applicantName: item.applicantName as string,
    estateId: item.estateId as string,
    buildingId: item.buildingId as string,
    unit: item.unit as number,
    room: item.room as string,
    relation: item.relation as Household['relation'],
    address: item.address as string,
    status: item.status as HouseholdStatus,
    requestedAt: item.requestedAt as string,
    decidedAt: (item.decidedAt as string | undefined) ?? null,
    decidedBy: (item.decidedBy as string | undefined) ?? null,
    rejectReason: (item.rejectReason as string | undefined) ?? null,
    decisions: (item.decisions as Household['decisions'] | undefined) ?? [],
  };
}

function householdItem(h: Household) {
  return {
    ...keys.household(h.householdId),
    ...keys.householdQueue(h.communityId, h.status, h.requestedAt, h.householdId),
    ...keys.householdsOfUser(h.userId, h.requestedAt),
    ...(h.status === 'approved'
      ? keys.homesOfBuilding(h.communityId, h.buildingId, h.unit, h.room, h.householdId)
      : {}),
    ...h,
  };
}

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
              Item: {
                ...keys.householdLock(household.userId, household.communityId),
                householdId: household.householdId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName, Item: householdItem(household), ConditionExpression: 'attribute_not_exists(pk)' } },
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
      const out = await table.doc.send(new GetCommand({ TableName, Key: keys.household(householdId) }));
      return out.Item ? toHousehold(out.Item) : undefined;
    },

    async listByStatus(communityId: string, status: HouseholdStatus, cursor: string | undefined, limit: number) {
      const gsi1pk = keys.householdQueue(communityId, status, '', '').gsi1pk;
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': gsi1pk },
          ExclusiveStartKey: decodeCursor(cursor, { gsi1pk }),
          // Oldest pending first: they have waited longest.
          ScanIndexForward: status === 'pending',
          Limit: limit,
        }),
      );
      return { items: (out.Items ?? []).map(toHousehold), cursor: encodeCursor(out.LastEvaluatedKey) };
    },

    async listOfBuilding(communityId: string, buildingId: string, cursor: string | undefined, limit: number) {
      const gsi3pk = keys.homesOfBuilding(communityId, buildingId, 0, '', '').gsi3pk;
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': gsi3pk },
          ExclusiveStartKey: decodeCursor(cursor, { gsi3pk }),
          Limit: limit,
        }),
      );
      return { items: (out.Items ?? []).map(toHousehold), cursor: encodeCursor(out.LastEvaluatedKey) };
    },

    /** Every request of one person, newest first. */
    async listOfUser(userId: string): Promise<Household[]> {
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.householdsOfUser(userId, '').gsi2pk },
          ScanIndexForward: false,
        }),
      );
      return (out.Items ?? []).map(toHousehold);
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
            Key: keys.householdLock(decided.userId, decided.communityId),
            ConditionExpression: 'householdId = :hid',
            ExpressionAttributeValues: { ':hid': decided.householdId },
          },
        },
        ...extra,
      ]);
    },

    /** Household keys of a person, for erasure. */
    async keysOfUser(userId: string) {
      return (await this.listOfUser(userId)).map((h) => keys.household(h.householdId));
    },
  };

  async function decide(decided: Household, more: TransactItem[]) {
    try {
      await writeTransaction(table, [
        {
          Put: {
            TableName,
            Item: householdItem(decided),
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
    { Put: { TableName: table.tableName, Item: householdItem(household) } },
    {
      Put: {
        TableName: table.tableName,
        Item: { ...keys.householdLock(household.userId, household.communityId), householdId: household.householdId },
      },
    },
  ]);
}
