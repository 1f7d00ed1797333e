/**
 * The street office (街道) over roll-ups: a street of its own with one
 * community of its own (so the figures are exact while other files write
 * elsewhere), worked through the API; the stream consumer keeps the
 * roll-ups, the street comparison reads them, and the rebuild from the raw
 * items equals what the writes kept. Access: only the street's own admins.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { defaultCommunitySettings, shanghaiMonth } from '@linli/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { createCommunitiesRepository } from '../../functions/src/data/communities.js';
import { createRebuildDeps, createRollupSources } from '../../functions/src/data/rollup-sources.js';
import { createRollupsRepository } from '../../functions/src/data/rollups.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { createUsersRepository } from '../../functions/src/data/users.js';
import { keptOf, normalised, rebuildAndWrite, rebuildStreet } from '../../functions/src/domain/rollups/rebuild.js';
import { call, newKey, signIn } from '../support/api.js';
import { earn } from '../support/points.js';
import { newResident } from '../support/residents.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

const table = createTable({ tableName: inject('tableName'), region: 'cn-north-1', endpoint: inject('dynamoEndpoint') });
const streets = createStreetsRepository(table);
const rollups = createRollupsRepository(table);
const users = createUsersRepository(table);
const id = randomUUID().slice(0, 8);
const STREET = `st-${id}`;
const OTHER_STREET = `st2-${id}`;
const C = `rc-${id}`;
const MONTH = shanghaiMonth(new Date());
const persona = (name: string) => `${name}-${id}`;

async function person(name: string, membership?: { roles: ('admin' | 'grid_worker' | 'station_operator')[] }) {
  const userId = `u-${persona(name)}`;
  await users.putUserWithMemberships(
    { userId, nickname: name, createdAt: new Date().toISOString(), persona: persona(name), openid: `o-${userId}` },
    membership
      ? [
          {
            userId,
            communityId: C,
            communityName: '试点社区',
            roles: membership.roles,
            gridIds: membership.roles.includes('grid_worker') ? [`${C}-g1`] : [],
            stationIds: membership.roles.includes('station_operator') ? [`${C}-s1`] : [],
            householdId: null,
            home: null,
          },
        ]
      : [],
  );
  return userId;
}

async function act(who: string, reportId: string, body: Record<string, unknown>) {
  const res = await call('POST', `/v1/communities/${C}/feedback/${reportId}/events`, {
    token: await signIn(persona(who)),
    idempotencyKey: newKey(),
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function figures(who = 'street', query = `from=${MONTH}&to=${MONTH}`, street = STREET) {
  return call('GET', `/v1/streets/${street}/figures?${query}`, { token: await signIn(persona(who)) });
}

/** The consumer works after the response: wait until the figures show what the writes did. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let gridUser = '';

beforeAll(async () => {
  await createCommunitiesRepository(table).put({
    communityId: C,
    name: '试点社区',
    district: '临江区',
    street: '试点街道',
    streetId: STREET,
    estates: [{ estateId: `${C}-e1`, name: '试点苑' }],
    grids: [{ gridId: `${C}-g1`, estateId: `${C}-e1`, name: '第一网格' }],
    buildings: [{ buildingId: `${C}-b1`, estateId: `${C}-e1`, gridId: `${C}-g1`, name: '1幢', units: 2 }],
    stations: [{ stationId: `${C}-s1`, estateId: `${C}-e1`, name: '试点服务站', address: '试点苑东门' }],
    settings: defaultCommunitySettings(),
  });
  await streets.put({
    streetId: STREET,
    name: '试点街道',
    district: '临江区',
    communities: [{ communityId: C, name: '试点社区' }],
  });
  await streets.put({ streetId: OTHER_STREET, name: '别的街道', district: '临江区', communities: [] });
  await person('admin', { roles: ['admin'] });
  gridUser = await person('grid', { roles: ['grid_worker'] });
  await person('operator', { roles: ['station_operator'] });
  const streetAdmin = await person('street');
  await streets.putMembership({
    userId: streetAdmin,
    streetId: STREET,
    streetName: '试点街道',
    roles: ['street_admin'],
  });
  const otherAdmin = await person('other');
  await streets.putMembership({
    userId: otherAdmin,
    streetId: OTHER_STREET,
    streetName: '别的街道',
    roles: ['street_admin'],
  });
}, 60_000);

describe('the street comparison, from the roll-ups the writes keep', () => {
  it('counts homes, reports and weigh-ins as they happen, and the rebuild equals what was kept', async () => {
    const [a, b] = [
      await newResident(`${C}-b1`, `${C}-e1`, C, persona('admin')),
      await newResident(`${C}-b1`, `${C}-e1`, C, persona('admin')),
    ];
    const submit = async (token: string, description: string) => {
      const res = await call('POST', `/v1/communities/${C}/feedback`, {
        token,
        idempotencyKey: newKey(),
        body: {
          category: 'parking',
          description,
          photos: [],
          location: { estateId: `${C}-e1`, buildingId: `${C}-b1`, unit: 1, detail: '' },
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.reportId as string;
    };
    const fixed = await submit(a.token, '楼道声控灯坏了，晚上很黑');
    const dropped = await submit(a.token, '电梯按钮失灵，已经自己好了');
    const escalated = await submit(b.token, '地下车库入口积水严重');
    await act('grid', fixed, { action: 'accept' });
    await act('grid', fixed, { action: 'dispatch', target: { kind: 'grid_worker', userId: gridUser } });
    await act('grid', fixed, { action: 'resolve', note: '已更换声控灯' });
    const confirm = await call('POST', `/v1/communities/${C}/feedback/${fixed}/events`, {
      token: a.token,
      idempotencyKey: newKey(),
      body: { action: 'confirm', rating: 4 },
    });
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
    const withdraw = await call('POST', `/v1/communities/${C}/feedback/${dropped}/events`, {
      token: a.token,
      idempotencyKey: newKey(),
      body: { action: 'withdraw' },
    });
    expect(withdraw.status, JSON.stringify(withdraw.body)).toBe(200);
    await act('grid', escalated, { action: 'accept' });
    await act('grid', escalated, { action: 'escalate', reason: '需要物业和排水部门一起处理' });
    await earn(a.token, 2000, C, persona('operator'), `${C}-s1`);
    await earn(b.token, 500, C, persona('operator'), `${C}-s1`);

    const res = await eventually(
      () => figures(),
      (r) => {
        const c = r.body.communities?.[0];
        return (
          c?.feedback.received === 3 &&
          c.feedback.escalated === 1 &&
          c.points.participatingHouseholds === 2 &&
          c.feedback.averageSatisfaction === 4 &&
          c.households === 2 &&
          c.points.totalKg === 2.5
        );
      },
    );
    expect(res.status).toBe(200);
    const c = res.body.communities[0];
    expect(c).toMatchObject({
      communityId: C,
      name: '试点社区',
      households: 2,
      feedback: { received: 3, resolved: 1, rectificationRate: 0.5, escalated: 1, averageSatisfaction: 4 },
      points: {
        totalKg: 2.5,
        kgByMaterial: [{ material: 'cardboard', label: '纸板', kg: 2.5 }],
        kgPerHousehold: 1.25,
        participatingHouseholds: 2,
        participationRate: 1,
        issued: 25,
        redeemed: 0,
      },
    });
    expect(c.feedback.onTimeRate).toBe(1);
    expect(c.feedback.medianHoursToResolve).toBe(0);
    expect(res.body.byMonth).toEqual([{ month: MONTH, communities: [c] }]);

    const street = await streets.get(STREET);
    const now = new Date();
    const kept = await keptOf(
      rollups,
      [
        { scope: 'community', id: C },
        { scope: 'street', id: STREET },
      ],
      now,
    );
    const rebuilt = await rebuildStreet(createRollupSources(table), street as never, now);
    expect(normalised(kept)).toEqual(normalised(rebuilt));
    // The community's month and its homes, and the street's year and homes: four roll-ups.
    expect(normalised(kept).map((r) => r.slot)).toEqual([
      `community#${C}#${MONTH}`,
      `community#${C}#HOMES`,
      `street#${STREET}#${MONTH.slice(0, 4)}`,
      `street#${STREET}#HOMES`,
    ]);
    // The community's month holds every dimension the admin's figures read; the street's only the headlines.
    const [month] = await rollups.months('community', C, MONTH, MONTH);
    expect(Object.keys(month?.sections ?? {}).sort()).toEqual([
      `demand.parking.${C}-b1`,
      'feedback',
      'feedback.cat.parking',
      `feedback.grid.${C}-g1`,
      'points',
      `points.bld.${C}-b1`,
    ]);
    expect(month?.labels['feedback.cat.parking']).toBe('停车');
    // Writing the rebuild over it changes nothing, and says so.
    const deps = createRebuildDeps(table);
    expect((await rebuildAndWrite(deps, { streetId: STREET })).differed).toBe(0);
    // The README's command, pointed at this stack's table.
    // Run without blocking this process: a blocked event loop keeps its idle keep-alive sockets past the
    // server's timeout, and the next request goes out on one the server has closed ('other side closed').
    const cli = await promisify(execFile)('npm', ['run', 'rollups:rebuild', '--', STREET], {
      encoding: 'utf8',
      env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), TABLE_NAME: inject('tableName') },
    });
    expect(cli.stdout).toContain(`${STREET}: 4 roll-ups written, 0 differed from what was kept`);
    // The building's sort-quality counters, one per resident's shard, agree with the weigh-ins too.
    expect(cli.stdout).toMatch(
      new RegExp(`${STREET}: [12] sort-quality counters written, 0 differed from what was kept`),
    );
    expect((await figures()).body.communities[0]).toEqual(c);

    const csv = await fetch(`${inject('apiUrl')}/v1/streets/${STREET}/figures.csv?from=${MONTH}&to=${MONTH}`, {
      headers: { authorization: `Bearer ${await signIn(persona('street'))}` },
    });
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]?.split(',').slice(0, 5)).toEqual(['月份', '社区', '收到意见', '办结', '整改率']);
    expect(lines[1]).toMatch(new RegExp(`^${MONTH},试点社区,3,1,50%,100%,0,4,1,2.5,1.25,2,100%,25,0,0,`));
    expect(lines[2]).toMatch(/^合计,试点社区,3,1,50%/);
  }, 90_000);

  it('applies a stream event once, however often it is delivered, and counts a home once a month', async () => {
    const change = {
      communityId: `nowhere-${id}`,
      streetId: OTHER_STREET,
      slot: MONTH,
      sections: { points: { issuedRecycling: 10 } },
      members: [{ userId: 'u-once', buildingId: 'b1' }],
    };
    const eventId = `evt-${id}`;
    expect(await rollups.apply(eventId, [change], new Date())).toBe(true);
    expect(await rollups.apply(eventId, [change], new Date())).toBe(false);
    // Another weigh-in of the same home: its points count, the home does not count again.
    expect(await rollups.apply(`${eventId}-2`, [change], new Date())).toBe(true);
    const [community] = await rollups.months('community', change.communityId, MONTH, MONTH);
    expect(community?.sections).toEqual({
      points: { issuedRecycling: 20, participating: 1 },
      'points.bld.b1': { households: 1 },
    });
    const [street] = await rollups.months('street', OTHER_STREET, MONTH.slice(0, 4), MONTH.slice(0, 4));
    expect(street?.sections[`${MONTH}/${change.communityId}/points`]).toEqual({
      issuedRecycling: 20,
      participating: 1,
    });
  });

  it('keeps every count when consumers write the same roll-up at once', async () => {
    const communityId = `busy-${id}`;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rollups.apply(
          `evt-busy-${id}-${i}`,
          [{ communityId, slot: MONTH, sections: { feedback: { received: 1 } } }],
          new Date(),
        ),
      ),
    );
    expect(results.every(Boolean)).toBe(true);
    const [kept] = await rollups.months('community', communityId, MONTH, MONTH);
    expect(kept?.sections.feedback?.received).toBe(12);
  });
});

describe('who sees a street', () => {
  it('only its own street admins; one community of it by communityId, none of another street', async () => {
    expect((await figures('other')).body.error?.code).toBe('STREET_ROLE_REQUIRED');
    expect((await figures('other')).status).toBe(403);
    expect((await figures('admin')).status).toBe(403);
    const drill = await figures('street', `from=${MONTH}&to=${MONTH}&communityId=${C}`);
    expect(drill.status).toBe(200);
    expect(drill.body.communities.map((x: { communityId: string }) => x.communityId)).toEqual([C]);
    const foreign = await figures('street', `from=${MONTH}&to=${MONTH}&communityId=chunhui`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('COMMUNITY_NOT_IN_STREET');
  });

  it('refuses bad months with the field named', async () => {
    const res = await figures('street', 'from=2026-13&to=2026-12');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('query.from');
  });
});
