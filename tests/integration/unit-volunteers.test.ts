/**
 * 部门报到 volunteer posts against DynamoDB Local, through the API: a
 * co-building unit's member publishes a post in a community the unit serves,
 * a resident signs up and checks in through the community's routes with the
 * code the unit's door issues, the unit confirms attendance, and the resident
 * is credited the same `earn_volunteer` points once. Another unit and the
 * residents are refused at the unit's door.
 */
import { randomUUID } from 'node:crypto';
import { shanghaiClock, shanghaiDate } from '@linli/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSessionTokens } from '../../functions/src/http/session-token.js';
import { call, newKey, signIn } from '../support/api.js';

const C = '/v1/communities/chunhui';
const CG = '/v1/units/changhe-cg';
const SCHOOL = '/v1/units/changhe-school';

/** A Shanghai date and times starting in 30 minutes (whole minutes), an hour long: check-in is open already. */
function soon() {
  const start = new Date(Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000);
  const startTime = shanghaiClock(start);
  const [h, m] = startTime.split(':').map(Number) as [number, number];
  const end = Math.min(h * 60 + m + 60, 24 * 60);
  const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
  return { date: shanghaiDate(start), startTime, endTime };
}

function post(over: Record<string, unknown> = {}) {
  return {
    communityId: 'chunhui',
    title: `治安巡逻 ${randomUUID().slice(0, 6)}`,
    description: '沿春晖苑外围巡逻，提醒居民锁好电动车',
    ...soon(),
    place: '春晖苑 东门',
    points: 15,
    capacity: 5,
    ...over,
  };
}

type Post = { activityId: string; title: string; communityId: string };

async function publish(token: string, unit = CG, over: Record<string, unknown> = {}): Promise<Post> {
  const res = await call('POST', `${unit}/activities`, { token, idempotencyKey: newKey(), body: post(over) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const of = (unit: string, a: Post) => `${unit}/activities/${a.communityId}/${a.activityId}`;
const balance = async (token: string) => (await call('GET', `${C}/points/me`, { token })).body.balance as number;
const titles = (page: { items: { title: string }[] }) => page.items.map((a) => a.title);

describe('a co-building unit’s volunteer posts', () => {
  let ma: string;
  let wang: string;
  let wangId: string;
  /** 沈慧 of 长河实验小学 (seeded without a persona): signed in with a session token of her own. */
  let shen: string;
  beforeAll(async () => {
    ma = await signIn('unit-ma');
    wang = await signIn('resident-wang');
    wangId = (await call('GET', '/v1/me', { token: wang })).body.user.userId;
    const tokens = createSessionTokens(async () => inject('sessionKey'), 3600);
    shen = (await tokens.issue('seed-unit-school', new Date())).token;
  });

  it('is published by a member in a community the unit serves, recorded with the unit, and residents see who runs it', async () => {
    // Act
    const created = await publish(ma);

    // Assess
    expect(created).toMatchObject({
      communityId: 'chunhui',
      organiser: { userId: 'demo-unit-ma', name: '马强' },
      unit: { unitId: 'changhe-cg', name: '长河街道城管中队' },
      phase: 'upcoming',
      signedUp: 0,
      points: 15,
    });
    const mine = await call('GET', `${CG}/activities?limit=100`, { token: ma });
    expect(mine.status).toBe(200);
    expect(titles(mine.body)).toContain(created.title);
    const seen = await call('GET', `${C}/activities?limit=100`, { token: wang });
    expect(seen.body.items.find((a: Post) => a.activityId === created.activityId)).toMatchObject({
      unit: { unitId: 'changhe-cg', name: '长河街道城管中队' },
      mine: null,
    });
    // The community's admin still sees it among the community's activities; its own show no unit.
    const admin = await call('GET', `${C}/activities?limit=100`, { token: await signIn('admin-chunhui') });
    const listed = admin.body.items as { activityId: string; unit: unknown }[];
    expect(listed.find((a) => a.activityId === created.activityId)?.unit).toEqual({
      unitId: 'changhe-cg',
      name: '长河街道城管中队',
    });
    // Another unit's list does not hold it.
    const school = await call('GET', `${SCHOOL}/activities?limit=100`, { token: shen });
    expect(school.status).toBe(200);
    expect(titles(school.body)).not.toContain(created.title);
  });

  it('refuses a community outside the unit’s service area, naming the field, and writes nothing', async () => {
    // Prepare
    const title = `政策宣传 ${randomUUID().slice(0, 6)}`;

    // Act: 长河实验小学 serves 春晖, 枫桥 and 星河, not 桃源; and no unit serves a community that does not exist.
    const outside = await call('POST', `${SCHOOL}/activities`, {
      token: shen,
      idempotencyKey: newKey(),
      body: post({ communityId: 'taoyuan', title }),
    });
    const nowhere = await call('POST', `${CG}/activities`, {
      token: ma,
      idempotencyKey: newKey(),
      body: post({ communityId: 'no-such-community', title }),
    });

    // Assess
    for (const res of [outside, nowhere]) {
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ field: 'body.communityId', message: '该社区不在本单位的服务范围内' }]);
    }
    expect(titles((await call('GET', `${SCHOOL}/activities?limit=100`, { token: shen })).body)).not.toContain(title);
    expect(titles((await call('GET', `${CG}/activities?limit=100`, { token: ma })).body)).not.toContain(title);
    expect(titles((await call('GET', `${C}/activities?limit=100`, { token: wang })).body)).not.toContain(title);
  });

  it('lets a resident sign up and check in with the unit’s code; the unit confirms and the points are credited once', async () => {
    // Prepare
    const a = await publish(ma, CG, { points: 15 });
    const before = await balance(wang);

    // Act: the resident through the community's routes, the unit through its own.
    const signedUp = await call('POST', `${C}/activities/${a.activityId}/signup`, { token: wang });
    const code = await call('GET', `${of(CG, a)}/checkin-code`, { token: ma });
    const checkedIn = await call('POST', `${C}/activities/${a.activityId}/checkin`, {
      token: wang,
      body: { checkinCode: code.body.code },
    });
    const list = await call('GET', `${of(CG, a)}/signups`, { token: ma });
    const confirmed = await call('POST', `${of(CG, a)}/attendance`, { token: ma, body: { userIds: [wangId] } });
    const again = await call('POST', `${of(CG, a)}/attendance`, { token: ma, body: { userIds: [wangId] } });

    // Assess
    expect(signedUp.status).toBe(200);
    expect(code.status, JSON.stringify(code.body)).toBe(200);
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
    expect(checkedIn.body.mine.checkedInAt).toBeTruthy();
    expect(list.body.items).toEqual([expect.objectContaining({ userId: wangId, name: '王秀英', attendedAt: null })]);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.creditedNow).toBe(1);
    expect(again.status).toBe(200);
    expect(again.body.creditedNow).toBe(0);
    expect(again.body.items).toEqual([expect.objectContaining({ userId: wangId, creditedPoints: 15 })]);
    expect(await balance(wang)).toBe(before + 15);
    const ledger = await call('GET', `${C}/points/me/ledger?limit=100`, { token: wang });
    const entries = (ledger.body.items as { type: string; note: string; points: number }[]).filter(
      (e) => e.note === `志愿服务：${a.title}`,
    );
    expect(entries).toEqual([expect.objectContaining({ type: 'earn_volunteer', points: 15 })]);
  });

  it('is run by no other unit and no resident', async () => {
    // Prepare
    const a = await publish(ma);
    const community = await call('POST', `${C}/activities`, {
      token: await signIn('admin-chunhui'),
      idempotencyKey: newKey(),
      body: { ...post(), communityId: undefined, organiserId: 'demo-grid-zhang' },
    });
    expect(community.status, JSON.stringify(community.body)).toBe(201);
    const own = { ...community.body, communityId: 'chunhui' } as Post;

    // Act and assess: another unit's member at their own door finds no such post …
    for (const path of [`${of(SCHOOL, a)}/checkin-code`, `${of(SCHOOL, a)}/signups`]) {
      const res = await call('GET', path, { token: shen });
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'ACTIVITY_NOT_FOUND']);
    }
    const foreign = await call('POST', `${of(SCHOOL, a)}/attendance`, { token: shen, body: { userIds: [wangId] } });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'ACTIVITY_NOT_FOUND']);
    // … and at this unit's door is refused; nor does a unit run the community's own activity.
    const door = await call('GET', `${of(CG, a)}/signups`, { token: shen });
    expect([door.status, door.body.error.code]).toEqual([403, 'UNIT_ROLE_REQUIRED']);
    const notOurs = await call('GET', `${of(CG, own)}/signups`, { token: ma });
    expect([notOurs.status, notOurs.body.error.code]).toEqual([404, 'ACTIVITY_NOT_FOUND']);
    // A resident is refused at the unit's door, and a community's staff who neither organise nor admin it too.
    for (const [method, path] of [
      ['GET', `${CG}/activities`],
      ['POST', `${CG}/activities`],
      ['GET', `${of(CG, a)}/checkin-code`],
      ['POST', `${of(CG, a)}/attendance`],
    ] as const) {
      const res = await call(method, path, { token: wang, body: method === 'POST' ? {} : undefined });
      expect([path, res.status, res.body.error.code]).toEqual([path, 403, 'UNIT_ROLE_REQUIRED']);
    }
    const grid = await call('GET', `${C}/activities/${a.activityId}/checkin-code`, {
      token: await signIn('grid-zhang'),
    });
    expect([grid.status, grid.body.error.code]).toEqual([403, 'NOT_ORGANISER']);
    // The community's admin may still run it from the community's side.
    const byAdmin = await call('GET', `${C}/activities/${a.activityId}/signups`, {
      token: await signIn('admin-chunhui'),
    });
    expect(byAdmin.status).toBe(200);
  });
});
