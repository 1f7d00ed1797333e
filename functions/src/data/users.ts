import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ROLES } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { gridWorkers } from './communities.js';
import { entity } from './entity.js';
import { newId } from './keys.js';
import { batchGetAll, batchWriteAll, queryAll } from './query.js';
import { type StreetMembershipRecord, streetMemberships } from './streets.js';
import { INDEX } from './table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';
import { type UnitMembershipRecord, unitMemberships } from './units.js';

const USER_PK = 'USER#{userId}';

export const UserSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  createdAt: z.string(),
  openid: z.string().optional(),
  /** Demo people of the local stage only. */
  persona: z.string().optional(),
  personaDescription: z.string().optional(),
});
export type UserRecord = z.infer<typeof UserSchema>;

export const userProfiles = entity({
  kind: 'user',
  doc: "A person's profile; everything that is only theirs shares its partition, so erasure is one query.",
  schema: UserSchema,
  key: { pk: USER_PK, sk: 'PROFILE' },
  indexes: { [INDEX.gsi1]: { pk: 'PERSONA', sk: '{persona}', when: (u: UserRecord) => Boolean(u.persona) } },
  patterns: {
    ownPartition: { doc: "Everything of a person's (profile, memberships, erasure).", index: 'table', pk: USER_PK },
    personas: { doc: 'The demo people (local stage).', index: INDEX.gsi1, pk: 'PERSONA' },
  },
});

export const MembershipSchema = z.object({
  userId: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  /** A string set in the table; sorted here. */
  roles: z.preprocess((v) => (v instanceof Set ? [...v].sort() : v), z.array(z.enum(ROLES))).default([]),
  gridIds: z.array(z.string()).default([]),
  stationIds: z.array(z.string()).default([]),
  householdId: z.string().nullable().default(null),
  /** Where the approved home is: what bulletins' audiences are matched against. */
  home: z
    .object({ estateId: z.string(), buildingId: z.string(), gridId: z.string().nullable(), address: z.string() })
    .nullable()
    .default(null),
});
export type MembershipRecord = z.infer<typeof MembershipSchema>;

export const memberships = entity({
  kind: 'membership',
  doc: "A person's roles in one community (grids, stations, home).",
  schema: MembershipSchema,
  key: { pk: USER_PK, sk: 'MEMBER#{communityId}' },
  indexes: { [INDEX.gsi1]: { pk: 'COMM#{communityId}#MEMBERS', sk: 'USER#{userId}' } },
  patterns: {
    ofCommunity: {
      doc: "A community's members (the staff lists, notifying grid workers).",
      index: INDEX.gsi1,
      pk: 'COMM#{communityId}#MEMBERS',
    },
  },
  toItem: (m) => ({ roles: new Set(m.roles), householdId: m.householdId ?? undefined, home: m.home ?? undefined }),
});

/** Which person a WeChat openid signs in as. */
export const openids = entity({
  kind: 'openid',
  doc: 'Which person a WeChat openid signs in as.',
  schema: z.object({ openid: z.string(), userId: z.string() }),
  key: { pk: 'OPENID#{openid}', sk: 'OPENID' },
});

/** The grids a membership works: none unless it has the grid_worker role. */
const workedGrids = (m: Pick<MembershipRecord, 'roles' | 'gridIds'> | undefined) =>
  new Set(m?.roles.includes('grid_worker') ? m.gridIds : []);

/**
 * What a membership change (`before` → `after`, either absent) does to the grid-worker items: an ADD to each grid
 * it starts working, a DELETE from each it stops. Commit them with the change; none when the grids stay.
 */
export function gridWorkerUpdates(
  tableName: string,
  before: Pick<MembershipRecord, 'userId' | 'communityId' | 'roles' | 'gridIds'> | undefined,
  after: Pick<MembershipRecord, 'userId' | 'communityId' | 'roles' | 'gridIds'> | undefined,
): TransactItem[] {
  const was = workedGrids(before);
  const is = workedGrids(after);
  const who = (after ?? before) as Pick<MembershipRecord, 'userId' | 'communityId'> | undefined;
  if (!who) return [];
  const update = (gridId: string, action: 'ADD' | 'DELETE'): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: gridWorkers.key({ communityId: who.communityId, gridId }),
      UpdateExpression: `SET gridId = :grid, kind = :kind ${action} workerIds :me`,
      ExpressionAttributeValues: { ':grid': gridId, ':kind': gridWorkers.kind, ':me': new Set([who.userId]) },
    },
  });
  return [
    ...[...is].filter((g) => !was.has(g)).map((g) => update(g, 'ADD')),
    ...[...was].filter((g) => !is.has(g)).map((g) => update(g, 'DELETE')),
  ];
}

export function createUsersRepository(table: TableRef) {
  const TableName = table.tableName;

  async function getProfile(userId: string): Promise<UserRecord | undefined> {
    const out = await table.doc.send(new GetCommand({ TableName, Key: userProfiles.key({ userId }) }));
    return out.Item ? userProfiles.parse(out.Item) : undefined;
  }

  return {
    getProfile,

    async getMembership(userId: string, communityId: string): Promise<MembershipRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: memberships.key({ userId, communityId }) }));
      return out.Item ? memberships.parse(out.Item) : undefined;
    },

    /** Profile, memberships, street and unit roles: one query of the person's partition (MEMBER#…, MEMBERSTREET#…, MEMBERUNIT#… sort just before PROFILE). */
    async getWithMemberships(userId: string): Promise<{
      user?: UserRecord;
      memberships: MembershipRecord[];
      streets: StreetMembershipRecord[];
      units: UnitMembershipRecord[];
    }> {
      const items = await userProfiles.rawAll(table, 'ownPartition', { userId }, { from: 'MEMBER#', to: 'PROFILE' });
      const profile = items.find((i) => i.sk === 'PROFILE');
      return {
        user: profile ? userProfiles.parse(profile) : undefined,
        memberships: items.filter((i) => String(i.sk).startsWith('MEMBER#')).map(memberships.parse),
        streets: items.filter((i) => String(i.sk).startsWith('MEMBERSTREET#')).map(streetMemberships.parse),
        units: items.filter((i) => String(i.sk).startsWith('MEMBERUNIT#')).map(unitMemberships.parse),
      };
    },

    /** The person behind a WeChat openid, created on first sign-in. */
    async findOrCreateByOpenid(openid: string, nickname: string, now: Date): Promise<UserRecord> {
      const mapping = await table.doc.send(
        new GetCommand({ TableName, Key: openids.key({ openid }), ConsistentRead: true }),
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
              Item: openids.item({ openid, userId: user.userId }),
              ...(mapping.Item ? {} : notExists),
            },
          },
          { Put: { TableName, Item: userProfiles.item(user), ...notExists } },
        ]);
        return user;
      } catch (error) {
        // Two first sign-ins raced: the other one created the person.
        if (error instanceof TransactionRefused && error.failed(0)) {
          const again = await table.doc.send(
            new GetCommand({ TableName, Key: openids.key({ openid }), ConsistentRead: true }),
          );
          const winner = again.Item && (await getProfile(again.Item.userId as string));
          if (winner) return winner;
        }
        throw error;
      }
    },

    async findPersona(persona: string): Promise<UserRecord | undefined> {
      const [found] = await userProfiles.all(table, 'personas', {}, { from: persona, to: persona });
      return found;
    },

    async listPersonas(): Promise<UserRecord[]> {
      return userProfiles.all(table, 'personas', {});
    },

    /** Seeding: a person with fixed id and memberships, written whole (the grids' workers follow). */
    async putUserWithMemberships(user: UserRecord, joined: MembershipRecord[]): Promise<void> {
      const { memberships: before } = await this.getWithMemberships(user.userId);
      const workers = joined.flatMap((m) =>
        gridWorkerUpdates(
          TableName,
          before.find((b) => b.communityId === m.communityId),
          m,
        ),
      );
      await table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: userProfiles.item(user) } },
            ...(user.openid
              ? [{ Put: { TableName, Item: openids.item({ openid: user.openid, userId: user.userId }) } }]
              : []),
            ...joined.map((m) => ({ Put: { TableName, Item: memberships.item(m) } })),
            ...workers,
          ],
        }),
      );
    },

    /** Everyone with a role in the community, with their names. */
    async listMembers(communityId: string): Promise<(MembershipRecord & { name: string; openid?: string })[]> {
      const members = await memberships.all(table, 'ofCommunity', { communityId });
      const profiles = new Map<string, UserRecord>();
      for (const item of await batchGetAll(
        table,
        members.map((m) => userProfiles.key(m)),
      )) {
        const profile = userProfiles.parse(item);
        profiles.set(profile.userId, profile);
      }
      return members
        .filter((m) => profiles.has(m.userId))
        .map((m) => ({ ...m, name: profiles.get(m.userId)?.nickname ?? '', openid: profiles.get(m.userId)?.openid }));
    },

    /** Names of several people in batch reads; people who deleted themselves are missing. */
    async nicknames(userIds: readonly string[]): Promise<Map<string, string>> {
      const unique = [...new Set(userIds)];
      const items = await batchGetAll(
        table,
        unique.map((userId) => userProfiles.key({ userId })),
      );
      return new Map(items.map(userProfiles.parse).map((u) => [u.userId, u.nickname]));
    },

    /** PIPL erasure: every item of the person's partition (every page of it) and their openid mapping. */
    async deleteUser(userId: string, extraKeys: { pk: string; sk: string }[]): Promise<void> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': userProfiles.partition('ownPartition', { userId }) },
        ProjectionExpression: 'pk, sk, openid, userId, communityId, communityName, #roles, gridIds',
        ExpressionAttributeNames: { '#roles': 'roles' },
      });
      const openid = items.find((i) => i.sk === 'PROFILE')?.openid as string | undefined;
      // The grids they worked stop telling them of new work before their memberships go.
      const worked = items
        .filter((i) => String(i.sk).startsWith('MEMBER#'))
        .flatMap((i) => gridWorkerUpdates(TableName, memberships.parse(i), undefined));
      for (let i = 0; i < worked.length; i += 100) await writeTransaction(table, worked.slice(i, i + 100));
      const all = [
        ...items.map((i) => ({ pk: i.pk as string, sk: i.sk as string })),
        ...(openid ? [openids.key({ openid })] : []),
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
