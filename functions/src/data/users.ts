import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@linli/shared';
import type { TableRef } from './client.js';
import { keys, newId } from './keys.js';
import { batchGetAll, batchWriteAll, queryAll } from './query.js';
import { TransactionRefused, writeTransaction } from './transactions.js';

export interface UserRecord {
  userId: string;
  nickname: string;
  createdAt: string;
  openid?: string;
  /** Demo people of the local stage only. */
  persona?: string;
  personaDescription?: string;
}

export interface MembershipRecord {
  userId: string;
  communityId: string;
  communityName: string;
  roles: Role[];
  gridIds: string[];
  stationIds: string[];
  householdId: string | null;
  /** Where the approved home is: what bulletins' audiences are matched against. */
  home: { estateId: string; buildingId: string; gridId: string | null; address: string } | null;
}

function toMembership(item: Record<string, unknown>): MembershipRecord {
  return {
    userId: item.userId as string,
    communityId: item.communityId as string,
    communityName: item.communityName as string,
    roles: [...((item.roles as Set<Role> | undefined) ?? [])].sort(),
    gridIds: (item.gridIds as string[] | undefined) ?? [],
    stationIds: (item.stationIds as string[] | undefined) ?? [],
    householdId: (item.householdId as string | undefined) ?? null,
    home: (item.home as MembershipRecord['home'] | undefined) ?? null,
  };
}

function toUser(item: Record<string, unknown>): UserRecord {
  return {
    userId: item.userId as string,
    nickname: item.nickname as string,
    createdAt: item.createdAt as string,
    openid: item.openid as string | undefined,
    persona: item.persona as string | undefined,
    personaDescription: item.personaDescription as string | undefined,
  };
}

export function createUsersRepository(table: TableRef) {
  const TableName = table.tableName;

  async function getProfile(userId: string): Promise<UserRecord | undefined> {
    const out = await table.doc.send(new GetCommand({ TableName, Key: keys.userProfile(userId) }));
    return out.Item ? toUser(out.Item) : undefined;
  }

  return {
    getProfile,

    async getMembership(userId: string, communityId: string): Promise<MembershipRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: keys.membership(userId, communityId) }));
      return out.Item ? toMembership(out.Item) : undefined;
    },

    /** Profile and memberships: one query of the person's partition (MEMBER#… sorts just before PROFILE). */
    async getWithMemberships(userId: string): Promise<{ user?: UserRecord; memberships: MembershipRecord[] }> {
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':from': 'MEMBER#', ':to': 'PROFILE' },
        }),
      );
      const items = out.Items ?? [];
      const profile = items.find((i) => i.sk === 'PROFILE');
      return {
        user: profile ? toUser(profile) : undefined,
        memberships: items.filter((i) => String(i.sk).startsWith('MEMBER#')).map(toMembership),
      };
    },

    /** The person behind a WeChat openid, created on first sign-in. */
    async findOrCreateByOpenid(openid: string, nickname: string, now: Date): Promise<UserRecord> {
      const mapping = await table.doc.send(
        new GetCommand({ TableName, Key: keys.openid(openid), ConsistentRead: true }),
      );
      if (mapping.Item) {
        const existing = await getProfile(mapping.Item.userId as string);
        if (existing) return existing;
      }
      const user: UserRecord = { userId: `u${newId(now)}`, nickname, createdAt: now.toISOString(), openid };
      try {
        await writeTransaction(table, [
          {
            Put: {
              TableName,
              Item: { ...keys.openid(openid), userId: user.userId },
              ...(mapping.Item ? {} : notExists),
            },
          },
          { Put: { TableName, Item: { ...keys.userProfile(user.userId), ...user }, ...notExists } },
        ]);
        return user;
      } catch (error) {
        // Two first sign-ins raced: the other one created the person.
        if (error instanceof TransactionRefused && error.failed(0)) {
          const again = await table.doc.send(
            new GetCommand({ TableName, Key: keys.openid(openid), ConsistentRead: true }),
          );
          const winner = again.Item && (await getProfile(again.Item.userId as string));
          if (winner) return winner;
        }
        throw error;
      }
    },

    async findPersona(persona: string): Promise<UserRecord | undefined> {
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
          ExpressionAttributeValues: { ':pk': 'PERSONA', ':sk': persona },
        }),
      );
      const item = out.Items?.[0];
      return item ? toUser(item) : undefined;
    },

    async listPersonas(): Promise<UserRecord[]> {
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'PERSONA' },
        }),
      );
      return (out.Items ?? []).map(toUser);
    },

    /** Seeding: a person with fixed id and memberships, written whole. */
    async putUserWithMemberships(user: UserRecord, memberships: MembershipRecord[]): Promise<void> {
      await table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: {
                  ...keys.userProfile(user.userId),
                  ...user,
                  ...(user.persona ? keys.personaIndex(user.persona) : {}),
                },
              },
            },
            ...(user.openid
              ? [{ Put: { TableName, Item: { ...keys.openid(user.openid), userId: user.userId } } }]
              : []),
            ...memberships.map((m) => ({
              Put: {
                TableName,
                Item: {
                  ...keys.membership(m.userId, m.communityId),
                  ...keys.membershipIndex(m.communityId, m.userId),
                  ...m,
                  roles: new Set(m.roles),
                  householdId: m.householdId ?? undefined,
                  home: m.home ?? undefined,
                },
              },
            })),
          ],
        }),
      );
    },

    /** Everyone with a role in the community, with their names. */
    async listMembers(communityId: string): Promise<(MembershipRecord & { name: string; openid?: string })[]> {
      const memberships = (
        await queryAll(table, {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.membershipIndex(communityId, '').gsi1pk },
        })
      ).map(toMembership);
      const profiles = new Map<string, UserRecord>();
      for (const item of await batchGetAll(
        table,
        memberships.map((m) => keys.userProfile(m.userId)),
      ))
        profiles.set(item.userId as string, toUser(item));
      return memberships
        .filter((m) => profiles.has(m.userId))
        .map((m) => ({ ...m, name: profiles.get(m.userId)?.nickname ?? '', openid: profiles.get(m.userId)?.openid }));
    },

    /** Names of several people in batch reads; people who deleted themselves are missing. */
    async nicknames(userIds: readonly string[]): Promise<Map<string, string>> {
      const unique = [...new Set(userIds)];
      const items = await batchGetAll(
        table,
        unique.map((id) => keys.userProfile(id)),
        'userId, nickname',
      );
      return new Map(items.map((item) => [item.userId as string, item.nickname as string]));
    },

    /** PIPL erasure: every item of the person's partition (every page of it) and their openid mapping. */
    async deleteUser(userId: string, extraKeys: { pk: string; sk: string }[]): Promise<void> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.userPartition(userId) },
        ProjectionExpression: 'pk, sk, openid',
      });
      const openid = items.find((i) => i.sk === 'PROFILE')?.openid as string | undefined;
      const all = [
        ...items.map((i) => ({ pk: i.pk as string, sk: i.sk as string })),
        ...(openid ? [keys.openid(openid)] : []),
        ...extraKeys,
      ];
      // Profile last: until it is gone the person can still sign in and retry.
      all.sort((a, b) => Number(a.sk === 'PROFILE') - Number(b.sk === 'PROFILE'));
      await batchWriteAll(
        table,
        all.map((Key) => ({ DeleteRequest: { Key } })),
      );
    },
  };
}

const notExists = { ConditionExpression: 'attribute_not_exists(pk)' } as const;

export type UsersRepository = ReturnType<typeof createUsersRepository>;
