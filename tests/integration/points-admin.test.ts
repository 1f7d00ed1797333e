/**
 * The admin's points tools through the API: the catalog and logged stock
 * changes, balance adjustments, and weigh-ins held for review.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { uploadPhoto } from '../support/photos.js';
import { newResident } from '../support/residents.js';

const C = '/v1/communities/chunhui';
const admin = () => signIn('admin-chunhui');

function rewardBody(over: Record<string, unknown> = {}) {
  return {
    name: `肥皂 ${randomUUID().slice(0, 4)}`,
    description: '测试用',
    pointsCost: 15,
    imageKey: null,
    monthlyLimit: 3,
    active: true,
    ...over,
  };
}

async function createReward(over: Record<string, unknown> = {}) {
  const res = await call('POST', `${C}/rewards`, {
    token: await admin(),
    idempotencyKey: newKey(),
    body: rewardBody(over),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { rewardId: string; name: string };
}

async function changeStock(
  rewardId: string,
  delta: number,
  reason: string,
  key = newKey(),
  stationId = 'chunhui-center',
) {
  return call('POST', `${C}/rewards/${rewardId}/stock`, {
    token: await admin(),
    idempotencyKey: key,
    body: { stationId, delta, reason },
  });
}

async function stockLog(rewardId: string, query = '') {
  const res = await call('GET', `${C}/rewards/${rewardId}/stock-log${query}`, { token: await admin() });
  expect(res.status).toBe(200);
  return res.body as { items: { delta: number; reason: string; by: { name: string } }[]; cursor: string | null };
}

const quantityAt = async (rewardId: string, stationId = 'chunhui-center') => {
  const all = await call('GET', `${C}/rewards/all`, { token: await admin() });
  const reward = all.body.items.find((r: { rewardId: string }) => r.rewardId === rewardId);
  return reward.stock.find((s: { stationId: string }) => s.stationId === stationId).quantity as number;
};

const balance = async (token: string) => (await call('GET', `${C}/points/me`, { token })).body.balance as number;

describe('the catalog and its stock', () => {
  it('adds a reward with a picture, changes it, and hides it from residents when inactive', async () => {
    const imageKey = await uploadPhoto(await admin(), 'chunhui', 'reward');
    const created = await createReward({ imageKey });
    const resident = await signIn('resident-wang');
    const shown = (await call('GET', `${C}/rewards`, { token: resident })).body.items.find(
      (r: { rewardId: string }) => r.rewardId === created.rewardId,
    );
    expect(shown).toMatchObject({ name: created.name, pointsCost: 15, monthlyLimit: 3, active: true });
    expect(shown.imageUrl).toContain('reward');
    expect(shown.stock.every((s: { quantity: number }) => s.quantity === 0)).toBe(true);

    const changed = await call('PUT', `${C}/rewards/${created.rewardId}`, {
      token: await admin(),
      body: rewardBody({ name: '停售的肥皂', active: false, monthlyLimit: null }),
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '停售的肥皂', active: false, monthlyLimit: null, imageUrl: null });
    const residentsSee = (await call('GET', `${C}/rewards`, { token: resident })).body.items;
    expect(residentsSee.some((r: { rewardId: string }) => r.rewardId === created.rewardId)).toBe(false);
    const adminsSee = (await call('GET', `${C}/rewards/all`, { token: await admin() })).body.items;
    expect(adminsSee.find((r: { rewardId: string }) => r.rewardId === created.rewardId)).toMatchObject({
      active: false,
    });
  });

  it('gives admins the picture’s key, so taking a reward off the shelf keeps its picture', async () => {
    const imageKey = await uploadPhoto(await admin(), 'chunhui', 'reward');
    const created = await createReward({ imageKey });
    const listed = (await call('GET', `${C}/rewards/all`, { token: await admin() })).body.items.find(
      (r: { rewardId: string }) => r.rewardId === created.rewardId,
    );
    expect(listed.imageKey).toBe(imageKey);
    const { stock: _stock, imageUrl: _url, rewardId: _id, ...fields } = listed;
    const off = await call('PUT', `${C}/rewards/${created.rewardId}`, {
      token: await admin(),
      body: { ...fields, active: false },
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, imageKey });
    expect(off.body.imageUrl).toContain('reward');
    const resident = await signIn('resident-wang');
    const forResidents = (await call('GET', `${C}/rewards`, { token: resident })).body.items;
    expect(forResidents.every((r: Record<string, unknown>) => !('imageKey' in r))).toBe(true);
  });

  it('logs every stock change with who and why, and never lets a shelf go below zero', async () => {
    const { rewardId } = await createReward();
    const delivered = await changeStock(rewardId, 50, '新到货 50 块');
    expect(delivered.status).toBe(201);
    expect(delivered.body).toMatchObject({
      quantity: 50,
      entry: { delta: 50, reason: '新到货 50 块', stationName: '春晖党群服务站', by: { name: '赵建华' } },
    });
    const damaged = await changeStock(rewardId, -10, '受潮损坏');
    expect(damaged.body.quantity).toBe(40);

    const tooMany = await changeStock(rewardId, -41, '盘点');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({ code: 'STOCK_BELOW_ZERO', details: [{ field: 'body.delta' }] });
    expect(await quantityAt(rewardId)).toBe(40);

    // Three admins take 30 at once from 40: one does, two are refused; the shelf holds 10.
    const racing = await Promise.all([1, 2, 3].map(() => changeStock(rewardId, -30, '活动领用')));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    expect(await quantityAt(rewardId)).toBe(10);

    const log = await stockLog(rewardId);
    expect(log.items.map((l) => [l.delta, l.reason])).toEqual([
      [-30, '活动领用'],
      [-10, '受潮损坏'],
      [50, '新到货 50 块'],
    ]);
    expect(log.items[0]?.by.name).toBe('赵建华');
    const paged = await stockLog(rewardId, '?limit=2');
    expect(paged.items).toHaveLength(2);
    expect((await stockLog(rewardId, `?limit=2&cursor=${paged.cursor}`)).items.map((l) => l.delta)).toEqual([50]);
  });

  it('changes stock once for a retried request', async () => {
    const { rewardId } = await createReward();
    const key = newKey();
    const results = await Promise.all([1, 2, 3].map(() => changeStock(rewardId, 20, '到货', key)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.entry.entryId)).size).toBe(1);
    expect(await quantityAt(rewardId)).toBe(20);
    expect((await stockLog(rewardId)).items).toHaveLength(1);
  });

  it('refuses stock for a reward that does not exist', async () => {
    const res = await changeStock('no-such-reward', 5, '到货');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('REWARD_NOT_FOUND');
  });

  it.each([
    [{ name: '' }, 'body.name'],
    [{ pointsCost: 0 }, 'body.pointsCost'],
    [{ pointsCost: 1.5 }, 'body.pointsCost'],
    [{ monthlyLimit: 0 }, 'body.monthlyLimit'],
    [{ active: 'yes' }, 'body.active'],
    [{ imageKey: 'photos/fengqiao/reward/2026-01/x.png' }, 'body.imageKey'],
    [{ imageKey: 'photos/chunhui/reward/2026-01/never-uploaded.png' }, 'body.imageKey'],
    [{ stock: 100 }, 'body'],
  ])('refuses a bad reward %#, naming %s, and adds nothing', async (change, field) => {
    const body = rewardBody(change);
    const res = await call('POST', `${C}/rewards`, { token: await admin(), idempotencyKey: newKey(), body });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
    const all = (await call('GET', `${C}/rewards/all`, { token: await admin() })).body.items;
    expect(all.some((r: { name: string }) => r.name === body.name)).toBe(false);
  });

  it('refuses a bad change of a reward or a bad log query, naming the field, and keeps the reward as it was', async () => {
    const { rewardId, name } = await createReward();
    const bad = await call('PUT', `${C}/rewards/${rewardId}`, {
      token: await admin(),
      body: rewardBody({ name: '改坏了', pointsCost: -5 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('body.pointsCost');
    const all = (await call('GET', `${C}/rewards/all`, { token: await admin() })).body.items;
    expect(all.find((r: { rewardId: string }) => r.rewardId === rewardId)).toMatchObject({ name, pointsCost: 15 });
    const missing = await call('PUT', `${C}/rewards/no-such-reward`, { token: await admin(), body: rewardBody() });
    expect(missing.status).toBe(404);
    const limit = await call('GET', `${C}/rewards/${rewardId}/stock-log?limit=0`, { token: await admin() });
    expect(limit.status).toBe(400);
    expect(limit.body.error.details[0].field).toBe('query.limit');
  });

  it.each([
    [{ delta: 0 }, 'body.delta'],
    [{ delta: 2.5 }, 'body.delta'],
    [{ reason: '' }, 'body.reason'],
    [{ stationId: 'fengqiao-center' }, 'body.stationId'],
  ])('refuses a bad stock change %#, naming %s, and changes nothing', async (change, field) => {
    const { rewardId } = await createReward();
    const res = await call('POST', `${C}/rewards/${rewardId}/stock`, {
      token: await admin(),
      idempotencyKey: newKey(),
      body: { stationId: 'chunhui-center', delta: 5, reason: '到货', ...change },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
    expect(await quantityAt(rewardId)).toBe(0);
    expect((await stockLog(rewardId)).items).toEqual([]);
  });
});

describe('adjusting a resident’s balance', () => {
  let resident: { token: string; userId: string };
  beforeAll(async () => {
    resident = await newResident();
  });

  const adjust = async (points: number, reason = '补录线下称重', key = newKey(), userId = resident.userId) =>
    call('POST', `${C}/points/adjustments`, {
      token: await admin(),
      idempotencyKey: key,
      body: { userId, points, reason },
    });

  it('adds and takes points with a reason as one entry, once per request, and never below zero', async () => {
    const key = newKey();
    const added = await Promise.all([1, 2].map(() => adjust(30, '补录线下称重', key)));
    expect(added.map((r) => r.status)).toEqual([201, 201]);
    expect(added[0]?.body).toMatchObject({ points: 30, balance: 30, reason: '补录线下称重' });
    expect(await balance(resident.token)).toBe(30);

    const tooMuch = await adjust(-31, '误记更正');
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({ code: 'POINTS_INSUFFICIENT', details: [{ field: 'body.points' }] });
    expect(await balance(resident.token)).toBe(30);

    const racing = await Promise.all([1, 2, 3].map(() => adjust(-20, '误记更正')));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    expect(await balance(resident.token)).toBe(10);

    const ledger = (await call('GET', `${C}/points/me/ledger`, { token: resident.token })).body.items;
    expect(
      ledger.filter((e: { type: string }) => e.type === 'adjust').map((e: { points: number }) => e.points),
    ).toEqual([-20, 30]);
    expect(ledger[0]).toMatchObject({ typeLabel: '调整', note: '误记更正' });
  });

  it.each([
    [{ points: 0 }, 'body.points'],
    [{ points: 100_001 }, 'body.points'],
    [{ reason: ' ' }, 'body.reason'],
    [{ userId: 'demo-operator-liu' }, 'body.userId'],
    [{ userId: 'demo-resident-zhou' }, 'body.userId'],
  ])('refuses a bad adjustment %#, naming %s, and changes nothing', async (change, field) => {
    const before = await balance(resident.token);
    const res = await call('POST', `${C}/points/adjustments`, {
      token: await admin(),
      idempotencyKey: newKey(),
      body: { userId: resident.userId, points: 5, reason: '测试', ...change },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
    expect(await balance(resident.token)).toBe(before);
  });
});

describe('weigh-ins held for review', () => {
  let resident: { token: string; userId: string };
  beforeAll(async () => {
    resident = await newResident('chy-b4');
  });

  async function holdOne() {
    const code = (await call('GET', `${C}/points/me/code`, { token: resident.token })).body.code;
    const res = await call('POST', `${C}/points/credits`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      // 60 kg of textiles is over the 50 kg per-line limit: held.
      body: {
        memberCode: code,
        stationId: 'chunhui-center',
        lines: [
          { material: 'cardboard', grams: 1000 },
          { material: 'textile', grams: 60_000 },
        ],
      },
    });
    expect(res.body.status).toBe('held');
    return res.body.creditId as string;
  }

  const decide = async (creditId: string, decision: 'approve' | 'reject', body?: unknown) =>
    call('POST', `${C}/points/held/${creditId}/${decision}`, { token: await admin(), body });

  it('lists held weigh-ins and credits an approved one once, through the ledger', async () => {
    const creditId = await holdOne();
    const held = await call('GET', `${C}/points/held?limit=100`, { token: await admin() });
    expect(held.status).toBe(200);
    expect(held.body.items.find((h: { creditId: string }) => h.creditId === creditId)).toMatchObject({
      status: 'held',
      statusLabel: '待审核',
      stationName: '春晖党群服务站',
      operatorName: '刘芳',
      lines: [{ material: 'cardboard' }, { material: 'textile', outlier: true }],
    });
    const before = await balance(resident.token);
    const approvals = await Promise.all([1, 2, 3].map(() => decide(creditId, 'approve')));
    expect(approvals.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    // 1 kg cardboard × 10 + 60 kg textiles × 8 = 490, within the daily cap of 500.
    expect(approvals.find((r) => r.status === 200)?.body).toMatchObject({ status: 'approved', creditedPoints: 490 });
    expect(approvals.find((r) => r.status === 409)?.body.error.code).toBe('HELD_CREDIT_DECIDED');
    expect(await balance(resident.token)).toBe(before + 490);
    const ledger = (await call('GET', `${C}/points/me/ledger`, { token: resident.token })).body.items;
    expect(ledger.filter((e: { note: string }) => e.note.includes('审核通过'))).toHaveLength(1);
    const approved = await call('GET', `${C}/points/held?status=approved&limit=100`, { token: await admin() });
    expect(approved.body.items.some((h: { creditId: string }) => h.creditId === creditId)).toBe(true);
    expect((await decide(creditId, 'reject', { reason: '改主意了' })).status).toBe(409);
  });

  it('rejects a held weigh-in with a reason, once, crediting nothing', async () => {
    const creditId = await holdOne();
    const before = await balance(resident.token);
    const noReason = await decide(creditId, 'reject', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].field).toBe('body.reason');
    const rejected = await decide(creditId, 'reject', { reason: '重量明显不实' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '重量明显不实', creditedPoints: null });
    expect((await decide(creditId, 'approve')).status).toBe(409);
    expect(await balance(resident.token)).toBe(before);
  });

  it('answers 404 for a weigh-in that is not held and 400 for a bad status filter', async () => {
    expect((await decide('no-such-credit', 'approve')).status).toBe(404);
    const bad = await call('GET', `${C}/points/held?status=lost`, { token: await admin() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('query.status');
  });
});
