/**
 * Volunteer activities through the API: an admin publishes one, residents
 * sign up within the capacity, check in with the organiser's rotating code,
 * and the organiser (or an admin) confirms attendance, which credits once.
 */
import { randomUUID } from 'node:crypto';
import { shanghaiClock, shanghaiDate } from '@linli/shared';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { newResident } from '../support/residents.js';

const C = '/v1/communities/chunhui';
type Person = { token: string; userId: string };

/** A Shanghai date and times starting `minutesAhead` from now (whole minutes), lasting an hour (until 24:00 at most). */
function slot(minutesAhead: number) {
  const start = new Date(Math.ceil((Date.now() + minutesAhead * 60_000) / 60_000) * 60_000);
  const startTime = shanghaiClock(start);
  const [h, m] = startTime.split(':').map(Number) as [number, number];
  const end = Math.min(h * 60 + m + 60, 24 * 60);
  const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
  return { date: shanghaiDate(start), startTime, endTime };
}

function activityBody(over: Record<string, unknown> = {}) {
  return {
    title: `楼道清洁 ${randomUUID().slice(0, 6)}`,
    description: '清理楼道杂物',
    ...slot(30),
    place: '春晖苑 3幢 楼下',
    points: 25,
    capacity: 10,
    organiserId: 'demo-grid-zhang',
    ...over,
  };
}

async function publish(over: Record<string, unknown> = {}, community = 'chunhui', admin = 'admin-chunhui') {
  const res = await call('POST', `/v1/communities/${community}/activities`, {
    token: await signIn(admin),
    idempotencyKey: newKey(),
    body: activityBody(over),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { activityId: string; title: string };
}

const signUp = (token: string, activityId: string) => call('POST', `${C}/activities/${activityId}/signup`, { token });
const codeFor = (persona: string, activityId: string, community = 'chunhui') =>
  call('GET', `/v1/communities/${community}/activities/${activityId}/checkin-code`, { token: persona });
const checkIn = (token: string, activityId: string, checkinCode: string) =>
  call('POST', `${C}/activities/${activityId}/checkin`, { token, body: { checkinCode } });
const confirm = async (persona: string, activityId: string, userIds: string[]) =>
  call('POST', `${C}/activities/${activityId}/attendance`, { token: await signIn(persona), body: { userIds } });
const balance = async (token: string) => (await call('GET', `${C}/points/me`, { token })).body.balance as number;

describe('volunteer activities', () => {
  let residents: Person[];
  beforeAll(async () => {
    residents = await Promise.all([1, 2, 3, 4].map(() => newResident('chy-b2')));
  });

  it('publishes an activity run by a staff member, which residents see among the upcoming ones', async () => {
    const admin = await signIn('admin-chunhui');
    const key = newKey();
    const body = activityBody({ capacity: 3 });
    const [first, again] = await Promise.all(
      [1, 2].map(() => call('POST', `${C}/activities`, { token: admin, idempotencyKey: key, body })),
    );
    expect(first?.status).toBe(201);
    expect(again?.body.activityId).toBe(first?.body.activityId);
    expect(first?.body).toMatchObject({
      title: body.title,
      phase: 'upcoming',
      phaseLabel: '未开始',
      signedUp: 0,
      capacity: 3,
      organiser: { userId: 'demo-grid-zhang', name: '张丽' },
      mine: null,
    });
    const list = await call('GET', `${C}/activities?limit=100`, { token: residents[0]?.token });
    expect(list.status).toBe(200);
    expect(list.body.items.filter((a: { title: string }) => a.title === body.title)).toHaveLength(1);
  });

  it('signs up once per person and never beyond the capacity, even all at once', async () => {
    const { activityId } = await publish({ capacity: 2 });
    const results = await Promise.all(residents.map((r) => signUp(r.token, activityId)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 422, 422]);
    expect(results.filter((r) => r.status === 422).map((r) => r.body.error.code)).toEqual([
      'ACTIVITY_FULL',
      'ACTIVITY_FULL',
    ]);
    const winner = residents[results.findIndex((r) => r.status === 200)] as Person;
    const twice = await signUp(winner.token, activityId);
    expect(twice.status).toBe(200);
    expect(twice.body.mine.signedUpAt).toBeTruthy();
    const shown = await call('GET', `${C}/activities/${activityId}`, { token: winner.token });
    expect(shown.body).toMatchObject({ signedUp: 2, capacity: 2 });
  });

  it('checks a signed-up resident in with the organiser’s fresh code, and refuses other codes', async () => {
    const [r1, r2] = residents as [Person, Person];
    const { activityId } = await publish();
    const other = await publish();
    await signUp(r1.token, activityId);
    const fresh = await codeFor(await signIn('grid-zhang'), activityId);
    expect(fresh.status).toBe(200);
    expect(fresh.body.refreshAfterSeconds).toBe(30);
    expect((await codeFor(await signIn('admin-chunhui'), activityId)).status).toBe(200);
    const notTheirs = await codeFor(await signIn('property-chen'), activityId);
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body.error.code).toBe('NOT_ORGANISER');

    const done = await checkIn(r1.token, activityId, fresh.body.code);
    expect(done.status).toBe(200);
    expect(done.body.mine.checkedInAt).toBeTruthy();

    const key = new TextEncoder().encode(inject('sessionKey'));
    const token = (exp: number | string, cid = 'chunhui', secret = key) =>
      new SignJWT({ cid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(activityId)
        .setJti(newKey())
        .setIssuer('linli')
        .setAudience('linli-checkin-code')
        .setExpirationTime(exp)
        .sign(secret);
    const fengqiao = await publish(
      { organiserId: 'demo-grid-xu', place: '枫桥党群服务站' },
      'fengqiao',
      'admin-fengqiao',
    );
    const foreignCode = (await codeFor(await signIn('grid-xu'), fengqiao.activityId, 'fengqiao')).body.code;
    const memberCode = (await call('GET', `${C}/points/me/code`, { token: r1.token })).body.code;
    const cases = await Promise.all([
      checkIn(r1.token, activityId, await token(Math.floor(Date.now() / 1000) - 5)),
      checkIn(
        r1.token,
        activityId,
        await token('1m', 'chunhui', new TextEncoder().encode('not-the-key-not-the-key-not-the')),
      ),
      checkIn(r1.token, activityId, memberCode),
      checkIn(r1.token, activityId, foreignCode),
      checkIn(r1.token, activityId, (await codeFor(await signIn('grid-zhang'), other.activityId)).body.code),
    ]);
    expect(cases.map((r) => [r.status, r.body.error.code, r.body.error.details?.[0]?.field])).toEqual([
      [422, 'CHECKIN_CODE_EXPIRED', 'body.checkinCode'],
      [422, 'CHECKIN_CODE_INVALID', 'body.checkinCode'],
      // A member code is 16 digits now: too short to be a check-in code at all.
      [400, 'VALIDATION_FAILED', 'body.checkinCode'],
      [422, 'CHECKIN_CODE_FOREIGN', 'body.checkinCode'],
      [422, 'CHECKIN_CODE_OTHER_ACTIVITY', 'body.checkinCode'],
    ]);
    const stranger = await checkIn(r2.token, activityId, fresh.body.code);
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.code).toBe('NOT_SIGNED_UP');
  });

  it('shows no check-in code and takes no attendance before check-in opens', async () => {
    const { activityId } = await publish(slot(3 * 24 * 60));
    const code = await codeFor(await signIn('grid-zhang'), activityId);
    expect(code.status).toBe(422);
    expect(code.body.error.code).toBe('CHECKIN_CLOSED');
    await signUp(residents[0]?.token as string, activityId);
    const early = await confirm('grid-zhang', activityId, [residents[0]?.userId as string]);
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('ACTIVITY_NOT_STARTED');
  });

  it('credits attendance once per person, under retries and concurrent confirmations by the organiser and an admin', async () => {
    const [r1, r2] = residents as [Person, Person];
    const { activityId, title } = await publish({ points: 25 });
    await signUp(r1.token, activityId);
    await signUp(r2.token, activityId);
    const code = (await codeFor(await signIn('grid-zhang'), activityId)).body.code;
    await checkIn(r1.token, activityId, code);
    const before = [await balance(r1.token), await balance(r2.token)];

    const board = async (token: string) =>
      (await call('GET', `${C}/points/leaderboard`, { token })).body.me.points as number;
    const earnedBefore = await board(r1.token);

    const confirmations = await Promise.all(
      ['grid-zhang', 'admin-chunhui', 'grid-zhang', 'admin2-chunhui', 'grid-zhang', 'admin-chunhui'].map((p) =>
        confirm(p, activityId, [r1.userId, r2.userId]),
      ),
    );
    expect(confirmations.map((c) => c.status)).toEqual(Array(6).fill(200));
    expect(confirmations.reduce((sum, c) => sum + c.body.creditedNow, 0)).toBe(2);
    const repeat = await confirm('grid-zhang', activityId, [r1.userId, r2.userId]);
    expect(repeat.body.creditedNow).toBe(0);
    expect(repeat.body.items).toHaveLength(2);
    for (const item of repeat.body.items)
      expect(item).toMatchObject({ creditedPoints: 25, attendedAt: expect.any(String) });

    expect([await balance(r1.token), await balance(r2.token)]).toEqual([(before[0] ?? 0) + 25, (before[1] ?? 0) + 25]);
    // Volunteering counts towards the month's leaderboard points, once
    expect(await board(r1.token)).toBe(earnedBefore + 25);
    for (const r of [r1, r2]) {
      const ledger = await call('GET', `${C}/points/me/ledger?limit=100`, { token: r.token });
      const entries = ledger.body.items.filter(
        (e: { type: string; note: string }) => e.type === 'earn_volunteer' && e.note.includes(title),
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ points: 25, typeLabel: '志愿服务' });
    }
    const list = await call('GET', `${C}/activities/${activityId}/signups`, { token: await signIn('grid-zhang') });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.find((s: { userId: string }) => s.userId === r1.userId)).toMatchObject({
      checkedInAt: expect.any(String),
      attendedAt: expect.any(String),
      creditedPoints: 25,
    });
    const mine = await call('GET', `${C}/activities/${activityId}`, { token: r2.token });
    expect(mine.body.mine).toMatchObject({ checkedInAt: null, attendedAt: expect.any(String) });
  });

  it('refuses to confirm someone who did not sign up, naming them, and credits nobody', async () => {
    const [r1, , r3] = residents as [Person, Person, Person];
    const { activityId } = await publish();
    await signUp(r1.token, activityId);
    const before = await balance(r1.token);
    const res = await confirm('grid-zhang', activityId, [r1.userId, r3.userId]);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('body.userIds.1');
    expect(await balance(r1.token)).toBe(before);
    const notOrganiser = await confirm('operator-liu', activityId, [r1.userId]);
    expect(notOrganiser.status).toBe(403);
    expect(notOrganiser.body.error.code).toBe('NOT_ORGANISER');
  });

  it('refuses a title WeChat’s content check refuses', async () => {
    const res = await call('POST', `${C}/activities`, {
      token: await signIn('admin-chunhui'),
      idempotencyKey: newKey(),
      body: activityBody({ title: '违禁测试活动' }),
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'CONTENT_REFUSED', details: [{ field: 'body.title' }] });
  });

  const yesterday = shanghaiDate(new Date(Date.now() - 86_400_000));
  it.each([
    [{ title: '' }, 'body.title'],
    [{ place: '楼' }, 'body.place'],
    [{ date: '2026-02-30' }, 'body.date'],
    [{ date: yesterday, startTime: '08:00', endTime: '09:00' }, 'body.date'],
    [{ startTime: '25:00' }, 'body.startTime'],
    [{ startTime: '10:00', endTime: '09:30' }, 'body.endTime'],
    [{ points: 0 }, 'body.points'],
    [{ capacity: 1.5 }, 'body.capacity'],
    [{ organiserId: 'demo-resident-wang' }, 'body.organiserId'],
    [{ organiserId: 'demo-grid-xu' }, 'body.organiserId'],
    [{ sponsor: '某公司' }, 'body'],
  ])('refuses to publish bad input %#, naming %s, and writes nothing', async (change, field) => {
    const body = activityBody(change);
    const res = await call('POST', `${C}/activities`, {
      token: await signIn('admin-chunhui'),
      idempotencyKey: newKey(),
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
    const list = await call('GET', `${C}/activities?limit=100`, { token: await signIn('admin-chunhui') });
    expect(list.body.items.some((a: { title: string }) => a.title === body.title)).toBe(false);
  });

  it('refuses bad check-in, attendance and list input, naming the field', async () => {
    const { activityId } = await publish();
    const token = residents[0]?.token as string;
    const noCode = await call('POST', `${C}/activities/${activityId}/checkin`, { token, body: {} });
    const nobody = await confirm('grid-zhang', activityId, []);
    const twice = await confirm('grid-zhang', activityId, ['u1', 'u1']);
    const when = await call('GET', `${C}/activities?when=tomorrow`, { token });
    const path = await call('GET', `${C}/activities/${encodeURIComponent('no such!')}`, { token });
    expect([noCode, nobody, twice, when, path].map((r) => [r.status, r.body.error.details[0].field])).toEqual([
      [400, 'body.checkinCode'],
      [400, 'body.userIds'],
      [400, 'body.userIds'],
      [400, 'query.when'],
      [400, 'path.activityId'],
    ]);
    expect((await call('GET', `${C}/activities/no-such-activity`, { token })).status).toBe(404);
    const shown = await call('GET', `${C}/activities/${activityId}/signups`, { token: await signIn('grid-zhang') });
    expect(shown.body.items).toEqual([]);
  });
});
