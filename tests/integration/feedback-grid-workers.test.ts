/**
 * Filing a report tells the grid's workers of new work without reading the
 * community's members: their ids live on one item per grid, in the
 * community's partition, kept by every change of a membership's roles or
 * grids. Through the local API (round trips from `x-linli-dynamodb-calls`)
 * and the real repositories on DynamoDB Local.
 */
import { describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { createCommunitiesRepository } from '../../functions/src/data/communities.js';
import { createMessagesRepository } from '../../functions/src/data/messages.js';
import { createUsersRepository, type MembershipRecord } from '../../functions/src/data/users.js';
import { call, newKey, signIn, signInNewWechatUser } from '../support/api.js';
import { newResident } from '../support/residents.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

const table = createTable({ tableName: inject('tableName'), region: 'cn-north-1', endpoint: inject('dynamoEndpoint') });
const users = createUsersRepository(table);
const communities = createCommunitiesRepository(table);
const messages = createMessagesRepository(table);

const C = '/v1/communities/chunhui';
/** 翠竹园 1幢 is in 第三网格 (chunhui-g3); 春晖苑 4幢 in 第二网格 (chunhui-g2). */
const IN_G3 = { estateId: 'cuizhu-yuan', buildingId: 'czy-b1', unit: 1, detail: '' };

function worker(userId: string, gridIds: string[]): MembershipRecord {
  return {
    userId,
    communityId: 'chunhui',
    communityName: '春晖社区',
    roles: ['grid_worker'],
    gridIds,
    stationIds: [],
    householdId: null,
    home: null,
  };
}

async function submit(token: string, location = IN_G3) {
  const res = await call('POST', `${C}/feedback`, {
    token,
    idempotencyKey: newKey(),
    body: { category: 'sanitation', description: '楼下垃圾桶满了没人清', location },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { reportId: res.body.reportId as string, calls: Number(res.headers.get('x-linli-dynamodb-calls')) };
}

async function tasksOf(userId: string, reportId: string) {
  const { items } = await messages.list(userId, undefined, 100);
  return items.filter((m) => m.kind === 'feedback_task' && m.link?.includes(`reportId=${reportId}`));
}

describe('filing a report', () => {
  it('takes two DynamoDB round trips: the community with its grids’ workers, then one transaction', async () => {
    // Prepare
    const resident = await newResident();
    await submit(resident.token); // the container now remembers the caller, as a warm Lambda does
    // Act
    const { calls } = await submit(resident.token);
    // Assess
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(2);
  });
});

describe("a grid's workers", () => {
  it('follow a membership: seeded into a grid, moved to another, erased with the account', async () => {
    // Prepare: a grid worker of 第三网格 who signs in through WeChat
    const resident = await newResident();
    const me = await signInNewWechatUser();
    const profile = await users.getProfile(me.userId);
    await users.putUserWithMemberships(profile as never, [worker(me.userId, ['chunhui-g3'])]);
    expect(await communities.gridWorkers('chunhui', 'chunhui-g3')).toContain(me.userId);

    // Act & Assess: new work in 第三网格 reaches them
    const first = await submit(resident.token);
    expect((await tasksOf(me.userId, first.reportId)).map((m) => m.title)).toEqual(['新反映待受理']);

    // Act & Assess: moved to 第二网格, they no longer hear of 第三网格's work
    await users.putUserWithMemberships(profile as never, [worker(me.userId, ['chunhui-g2'])]);
    expect(await communities.gridWorkers('chunhui', 'chunhui-g3')).not.toContain(me.userId);
    expect(await communities.gridWorkers('chunhui', 'chunhui-g2')).toContain(me.userId);
    const second = await submit(resident.token);
    expect(await tasksOf(me.userId, second.reportId)).toEqual([]);

    // Act & Assess: the account erased, no grid lists them
    const erased = await call('DELETE', '/v1/me', { token: me.token });
    expect(erased.status, JSON.stringify(erased.body)).toBeLessThan(300);
    expect(await communities.gridWorkers('chunhui', 'chunhui-g2')).not.toContain(me.userId);
    const read = await communities.getWithGridWorkers('chunhui');
    expect([...(read?.workers.values() ?? [])].flat()).not.toContain(me.userId);
  });

  it('stay as they are when a home is approved: approval adds the resident role, never a grid', async () => {
    // Prepare
    const me = await signInNewWechatUser();
    const profile = await users.getProfile(me.userId);
    await users.putUserWithMemberships(profile as never, [worker(me.userId, ['chunhui-g3'])]);
    // Act: the worker binds a home in the same community and an admin approves it
    const asked = await call('POST', `${C}/households`, {
      token: me.token,
      idempotencyKey: newKey(),
      body: { estateId: 'cuizhu-yuan', buildingId: 'czy-b2', unit: 1, room: me.person.slice(-4), relation: 'owner' },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const approved = await call('POST', `${C}/households/${asked.body.householdId}/approve`, {
      token: await signIn('admin-chunhui'),
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const membership = await users.getMembership(me.userId, 'chunhui');
    expect(membership?.roles).toEqual(['grid_worker', 'resident']);
    // Assess
    expect(await communities.gridWorkers('chunhui', 'chunhui-g3')).toContain(me.userId);
  });
});
