/**
 * The caller's membership and roles are remembered per container for at most
 * 60 s (functions/src/http/access.ts): a revocation takes effect within that,
 * a grant at once. Checked against DynamoDB Local with the real repository
 * and a clock the test moves, and through the local API for the grant.
 */
import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { createStreetsRepository, streetMemberships } from '../../functions/src/data/streets.js';
import {
  createUsersRepository,
  type MembershipRecord,
  memberships,
  userProfiles,
} from '../../functions/src/data/users.js';
import { ACCESS_TTL_MS, cachedAccess } from '../../functions/src/http/access.js';
import { call, signInNewWechatUser } from '../support/api.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

const table = createTable({ tableName: inject('tableName'), region: 'cn-north-1', endpoint: inject('dynamoEndpoint') });
const users = createUsersRepository(table);
const streets = createStreetsRepository(table);

function membership(userId: string, roles: MembershipRecord['roles']): MembershipRecord {
  return {
    userId,
    communityId: 'chunhui',
    communityName: '春晖社区',
    roles,
    gridIds: [],
    stationIds: [],
    householdId: null,
    home: null,
  };
}

/** A person of their own, so no other test's people are touched. */
async function newPerson(roles: MembershipRecord['roles']) {
  const userId = `access-${randomUUID()}`;
  await users.putUserWithMemberships({ userId, nickname: '测试', createdAt: new Date().toISOString() } as never, [
    membership(userId, roles),
  ]);
  return userId;
}

function accessAt(clock: { ms: number }) {
  return cachedAccess(
    {
      verifyToken: async () => ({ userId: 'unused' }),
      profile: (userId) => users.getProfile(userId),
      membership: (userId, communityId) => users.getMembership(userId, communityId),
      streetMembership: (userId, streetId) => streets.membership(userId, streetId),
      unitMembership: async () => undefined,
    },
    { now: () => clock.ms },
  );
}

describe('who the caller is, remembered for at most a minute', () => {
  it('a role removed takes effect within 60 s', async () => {
    const userId = await newPerson(['admin']);
    const clock = { ms: Date.parse('2026-12-02T08:00:00Z') };
    const access = accessAt(clock);
    expect((await access.membership(userId, 'chunhui'))?.roles).toEqual(['admin']);

    await users.putUserWithMemberships({ userId, nickname: '测试', createdAt: new Date().toISOString() } as never, [
      membership(userId, ['resident']),
    ]);
    clock.ms += ACCESS_TTL_MS - 1;
    expect((await access.membership(userId, 'chunhui'))?.roles, 'still remembered').toEqual(['admin']);
    clock.ms += 1;
    expect((await access.membership(userId, 'chunhui'))?.roles, 'read again after 60 s').toEqual(['resident']);
    expect(ACCESS_TTL_MS).toBeLessThanOrEqual(60_000);
  });

  it('a street role removed takes effect within 60 s', async () => {
    const userId = await newPerson(['resident']);
    await streets.putMembership({ userId, streetId: 'changhe', streetName: '长河街道', roles: ['street_admin'] });
    const clock = { ms: Date.parse('2026-12-02T08:00:00Z') };
    const access = accessAt(clock);
    expect((await access.streetMembership(userId, 'changhe'))?.roles).toEqual(['street_admin']);

    await table.doc.send(
      new DeleteCommand({
        TableName: inject('tableName'),
        Key: streetMemberships.key({ userId, streetId: 'changhe' }),
      }),
    );
    clock.ms += ACCESS_TTL_MS - 1;
    expect(await access.streetMembership(userId, 'changhe'), 'still remembered').toBeDefined();
    clock.ms += 1;
    expect(await access.streetMembership(userId, 'changhe'), 'read again after 60 s').toBeUndefined();
  });

  it('a membership removed (a home unbound) and an account deleted take effect within 60 s', async () => {
    const userId = await newPerson(['resident']);
    const clock = { ms: Date.parse('2026-12-02T08:00:00Z') };
    const access = accessAt(clock);
    expect(await access.membership(userId, 'chunhui')).toBeDefined();
    expect(await access.userExists(userId)).toBe(true);

    await table.doc.send(
      new DeleteCommand({ TableName: inject('tableName'), Key: memberships.key({ userId, communityId: 'chunhui' }) }),
    );
    await table.doc.send(new DeleteCommand({ TableName: inject('tableName'), Key: userProfiles.key({ userId }) }));
    clock.ms += 30_000;
    expect(await access.membership(userId, 'chunhui')).toBeDefined();
    expect(await access.userExists(userId)).toBe(true);
    clock.ms += 30_000;
    expect(await access.membership(userId, 'chunhui')).toBeUndefined();
    expect(await access.userExists(userId)).toBe(false);
  });

  it('reads a refusal fresh, and forgets a person at once in the container that changed them', async () => {
    const userId = await newPerson(['resident']);
    const clock = { ms: Date.parse('2026-12-02T08:00:00Z') };
    const access = accessAt(clock);
    expect(await access.membership(userId, 'other-community')).toBeUndefined();
    await table.doc.send(
      new PutCommand({
        TableName: inject('tableName'),
        Item: {
          ...memberships.key({ userId, communityId: 'other-community' }),
          ...membership(userId, ['resident']),
          communityId: 'other-community',
          roles: new Set(['resident']),
        },
      }),
    );
    expect(await access.membership(userId, 'other-community'), 'nothing negative is remembered').toBeDefined();

    await table.doc.send(new DeleteCommand({ TableName: inject('tableName'), Key: userProfiles.key({ userId }) }));
    access.forget(userId);
    expect(await access.userExists(userId)).toBe(false);
  });

  it('through the API: a role granted works on the next request, though the old roles were remembered', async () => {
    const { token, userId } = await signInNewWechatUser();
    await users.putUserWithMemberships({ ...(await users.getProfile(userId)) } as never, [
      membership(userId, ['resident']),
    ]);
    const path = '/v1/communities/chunhui/households?status=pending';
    const before = await call('GET', path, { token });
    expect(before.status).toBe(403);
    expect(before.body.error.code).toBe('ROLE_REQUIRED');
    // A resident-only route is now allowed and remembered.
    expect((await call('GET', '/v1/communities/chunhui/bulletins', { token })).status).toBe(200);

    await users.putUserWithMemberships({ ...(await users.getProfile(userId)) } as never, [
      membership(userId, ['admin']),
    ]);
    const after = await call('GET', path, { token });
    expect(after.status).toBe(200);
  });
});
