/**
 * The points figures and the leaderboard through the API, with known answers:
 * weigh-ins and a volunteer activity in 枫桥社区, where no other test file
 * credits or redeems (points-expiry.test.ts only adjusts, which the figures leave out).
 */
import { shanghaiClock, shanghaiDate, shanghaiMonth } from '@linli/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { eventually } from '../support/eventually.js';
import { newResident } from '../support/residents.js';

const F = '/v1/communities/fengqiao';
const MONTH = shanghaiMonth(new Date());
const PREVIOUS = shanghaiMonth(new Date(Date.parse(`${MONTH}-01T00:00:00+08:00`) - 1));
type Person = { token: string; userId: string };

async function credit(resident: Person, lines: { material: string; grams: number }[]) {
  const code = (await call('GET', `${F}/points/me/code`, { token: resident.token })).body.code;
  const res = await call('POST', `${F}/points/credits`, {
    token: await signIn('operator-he'),
    idempotencyKey: newKey(),
    body: { memberCode: code, stationId: 'fengqiao-center', lines },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe('credited');
}

/** A volunteer activity half an hour from now, attended by `resident` and confirmed by its organiser. */
async function volunteer(resident: Person, points: number) {
  const start = new Date(Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000);
  const startTime = shanghaiClock(start);
  const activity = await call('POST', `${F}/activities`, {
    token: await signIn('admin-fengqiao'),
    idempotencyKey: newKey(),
    body: {
      title: '小区环境清洁',
      date: shanghaiDate(start),
      startTime,
      endTime:
        startTime < '23:00'
          ? `${String(Number(startTime.slice(0, 2)) + 1).padStart(2, '0')}${startTime.slice(2)}`
          : '24:00',
      place: '枫桥新村 中心花园',
      points,
      capacity: 5,
      organiserId: 'demo-grid-xu',
    },
  });
  expect(activity.status, JSON.stringify(activity.body)).toBe(201);
  const id = activity.body.activityId;
  expect((await call('POST', `${F}/activities/${id}/signup`, { token: resident.token })).status).toBe(200);
  const confirmed = await call('POST', `${F}/activities/${id}/attendance`, {
    token: await signIn('grid-xu'),
    body: { userIds: [resident.userId] },
  });
  expect(confirmed.body.creditedNow).toBe(1);
}

const optIn = (resident: Person, body: Record<string, unknown>) =>
  call('PUT', `${F}/points/me/leaderboard`, { token: resident.token, body });
const board = async (token: string) => {
  const res = await call('GET', `${F}/points/leaderboard`, { token });
  expect(res.status).toBe(200);
  return res.body;
};

let green: Person;
let gold: Person;
let jinxiu: Person;
let helper: Person;

beforeAll(async () => {
  [green, gold, helper, jinxiu] = await Promise.all([
    newResident('fqx-b3', 'fengqiao-xincun', 'fengqiao', 'admin-fengqiao'),
    newResident('fqx-b3', 'fengqiao-xincun', 'fengqiao', 'admin-fengqiao'),
    newResident('fqx-b3', 'fengqiao-xincun', 'fengqiao', 'admin-fengqiao'),
    newResident('jxh-b2', 'jinxiu-huating', 'fengqiao', 'admin-fengqiao'),
  ]);
  // 2.5 kg cardboard (25) + 1.23 kg bottles (24), then 2 kg glass (10): 59 points.
  await credit(green, [
    { material: 'cardboard', grams: 2500 },
    { material: 'plastic_bottle', grams: 1230 },
  ]);
  await credit(green, [{ material: 'glass', grams: 2000 }]);
  await credit(gold, [{ material: 'metal_can', grams: 1000 }]); // 30
  await credit(jinxiu, [
    { material: 'textile', grams: 5000 },
    { material: 'cardboard', grams: 500 },
  ]); // 40 + 5
  await volunteer(helper, 30);
});

describe('the points figures', () => {
  it('gives kg by material, households by building, and points issued and redeemed for each month', async () => {
    await eventually(async () => {
      const res = await call('GET', `${F}/stats/points?from=${PREVIOUS}&to=${MONTH}`, {
        token: await signIn('admin-fengqiao'),
      });
      expect(res.status).toBe(200);
      const [before, now] = res.body.byMonth;
      expect(before).toMatchObject({ month: PREVIOUS, totalKg: 0, households: 0, issued: 0, redeemed: 0 });
      expect(now).toEqual({
        month: MONTH,
        kgByMaterial: [
          { material: 'cardboard', label: '纸板', kg: 3 },
          { material: 'plastic_bottle', label: '塑料瓶', kg: 1.23 },
          { material: 'metal_can', label: '易拉罐', kg: 1 },
          { material: 'glass', label: '玻璃', kg: 2 },
          { material: 'textile', label: '旧衣物', kg: 5 },
        ],
        totalKg: 12.23,
        households: 3,
        issued: 59 + 30 + 45 + 30,
        issuedRecycling: 134,
        issuedVolunteer: 30,
        redeemed: 0,
      });
      const building = (id: string) => res.body.byBuilding.find((b: { buildingId: string }) => b.buildingId === id);
      expect(building('fqx-b3')).toEqual({
        buildingId: 'fqx-b3',
        name: '3幢',
        months: [
          { month: PREVIOUS, households: 0 },
          { month: MONTH, households: 2 },
        ],
      });
      expect(building('jxh-b2').months[1]).toEqual({ month: MONTH, households: 1 });
      expect(building('fqx-b1').months[1]).toEqual({ month: MONTH, households: 0 });
    });
  });

  it('exports the same figures as CSV', async () => {
    const res = await fetch(`${inject('apiUrl')}${F}/stats/points.csv?from=${MONTH}&to=${MONTH}`, {
      headers: { authorization: `Bearer ${await signIn('admin-fengqiao')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent(`积分统计-fengqiao-${MONTH}-${MONTH}.csv`)}`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    // A byte-order mark first, so spreadsheet programs read the Chinese as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('指标,名称,月份,数值');
    for (const row of [
      `回收量(公斤),纸板,${MONTH},3`,
      `回收量(公斤),合计,${MONTH},12.23`,
      `参与户数,3幢,${MONTH},2`,
      `参与户数,合计,${MONTH},3`,
      `发放积分,志愿服务,${MONTH},30`,
      `发放积分,合计,${MONTH},164`,
      `兑换积分,扣除退回,${MONTH},0`,
    ])
      expect(rows).toContain(row);
  });

  it.each([
    ['from=2026-13&to=2026-12', 'query.from'],
    [`from=${MONTH}&to=2020-01`, 'query.to'],
    ['from=2024-01&to=2026-12', 'query.to'],
    [`to=${MONTH}`, 'query.from'],
  ])('refuses %s, naming %s, as figures and as CSV', async (query, field) => {
    for (const path of ['stats/points', 'stats/points.csv']) {
      const res = await call('GET', `${F}/${path}?${query}`, { token: await signIn('admin-fengqiao') });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe(field);
    }
  });
});

describe('the leaderboard', () => {
  it('ranks only residents who opted in, under their display names, by points earned this month', async () => {
    expect((await optIn(green, { optIn: true, displayName: ' 绿色小卫士 ' })).body).toEqual({
      optIn: true,
      displayName: '绿色小卫士',
    });
    await optIn(gold, { optIn: true, displayName: '阿金' });
    await optIn(helper, { optIn: true, displayName: '志愿者小周' });
    const seen = await board(gold.token);
    expect(seen).toMatchObject({ communityId: 'fengqiao', month: MONTH });
    expect(seen.items).toEqual([
      { rank: 1, displayName: '绿色小卫士', points: 59, me: false },
      { rank: 2, displayName: '阿金', points: 30, me: true },
      { rank: 2, displayName: '志愿者小周', points: 30, me: false },
    ]);
    expect(seen.me).toEqual({ optIn: true, displayName: '阿金', rank: 2, points: 30 });
    // 锦绣华庭's resident earned 45 but did not opt in: not on the board, though they see where they stand.
    expect((await board(jinxiu.token)).me).toEqual({ optIn: false, displayName: null, rank: null, points: 45 });
    expect((await board(await signIn('admin-fengqiao'))).me).toBeNull();
  });

  it('takes a resident off the board when they opt out', async () => {
    await optIn(gold, { optIn: true, displayName: '阿金' });
    expect((await optIn(gold, { optIn: false })).body).toEqual({ optIn: false, displayName: null });
    expect((await board(gold.token)).items.map((r: { displayName: string }) => r.displayName)).not.toContain('阿金');
    await optIn(gold, { optIn: true, displayName: '阿金' });
  });

  it.each([
    [{ optIn: true }, 400, 'body.displayName'],
    [{ optIn: true, displayName: '   ' }, 400, 'body.displayName'],
    [{ optIn: true, displayName: '一二三四五六七八九十一' }, 400, 'body.displayName'],
    [{ optIn: 'yes', displayName: '小李' }, 400, 'body.optIn'],
    [{ optIn: true, displayName: '违禁测试' }, 422, 'body.displayName'],
  ])('refuses %o (%i, naming %s) and changes nothing', async (body, status, field) => {
    const before = await board(jinxiu.token);
    const res = await optIn(jinxiu, body);
    expect(res.status).toBe(status);
    expect(res.body.error.details[0].field).toBe(field);
    expect(await board(jinxiu.token)).toEqual(before);
  });
});
