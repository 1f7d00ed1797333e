import { beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { earn, stockOf } from '../support/points.js';
import { newResident, openExchangeAllDay } from '../support/residents.js';

const C = '/v1/communities/chunhui';

async function reserve(
  token: string,
  items: { rewardId: string; quantity: number }[],
  stationId = 'chunhui-center',
  key = newKey(),
) {
  return call('POST', `${C}/redemptions`, { token, idempotencyKey: key, body: { stationId, items } });
}

describe('exchange day: reserve, pick up, cancel', () => {
  let resident: { token: string; userId: string };
  beforeAll(async () => {
    await openExchangeAllDay();
    resident = await newResident();
    await earn(resident.token, 30_000); // 300 points
  });

  it('reserves points and stock together and gives a pickup code the operator redeems', async () => {
    const stockBefore = await stockOf(resident.token, 'laundry-soap', 'chunhui-center');
    const reserved = await reserve(resident.token, [
      { rewardId: 'laundry-soap', quantity: 2 },
      { rewardId: 'garbage-bags', quantity: 1 },
    ]);
    expect(reserved.status).toBe(201);
    expect(reserved.body).toMatchObject({ status: 'reserved', statusLabel: '待领取', totalPoints: 80 });
    expect(reserved.body.pickupCode).toBeTruthy();
    expect((await call('GET', `${C}/points/me`, { token: resident.token })).body).toMatchObject({
      balance: 220,
      spentThisMonth: 80,
    });
    expect(await stockOf(resident.token, 'laundry-soap', 'chunhui-center')).toBe(stockBefore - 2);

    const handed = await call('POST', `${C}/redemptions/fulfil`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: { pickupCode: reserved.body.pickupCode, stationId: 'chunhui-center' },
    });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ status: 'fulfilled', pickupCode: null });
    expect(handed.body.residentName).toContain('*');
    const twice = await call('POST', `${C}/redemptions/fulfil`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: { pickupCode: reserved.body.pickupCode, stationId: 'chunhui-center' },
    });
    expect(twice.status).toBe(409);
    const cancelAfter = await call('POST', `${C}/redemptions/${reserved.body.redemptionId}/cancel`, {
      token: resident.token,
      idempotencyKey: newKey(),
      body: {},
    });
    expect(cancelAfter.status).toBe(409);
  });

  it('gives back points, stock and allowance on cancel, once', async () => {
    const balance = (await call('GET', `${C}/points/me`, { token: resident.token })).body.balance;
    const stock = await stockOf(resident.token, 'dish-soap', 'chunhui-center');
    const reserved = await reserve(resident.token, [{ rewardId: 'dish-soap', quantity: 2 }]);
    const key = newKey();
    const cancels = await Promise.all(
      [key, key, key].map((k) =>
        call('POST', `${C}/redemptions/${reserved.body.redemptionId}/cancel`, {
          token: resident.token,
          idempotencyKey: k,
          body: {},
        }),
      ),
    );
    expect(cancels.map((c) => c.status)).toEqual([200, 200, 200]);
    expect(cancels[0]?.body.status).toBe('cancelled');
    expect((await call('GET', `${C}/points/me`, { token: resident.token })).body.balance).toBe(balance);
    expect(await stockOf(resident.token, 'dish-soap', 'chunhui-center')).toBe(stock);
    // The allowance came back too: two more dish soaps fit in this month's limit of 2.
    expect((await reserve(resident.token, [{ rewardId: 'dish-soap', quantity: 2 }])).status).toBe(201);
    const ledger = await call('GET', `${C}/points/me/ledger?limit=50`, { token: resident.token });
    expect(ledger.body.items.filter((e: { type: string }) => e.type === 'refund')).toHaveLength(1);
  });

  it('names what failed: not enough points, the monthly limit', async () => {
    const poor = await newResident();
    await earn(poor.token, 2_000); // 20 points
    const insufficient = await reserve(poor.token, [{ rewardId: 'towel', quantity: 1 }]);
    expect(insufficient.status).toBe(422);
    expect(insufficient.body.error.code).toBe('POINTS_INSUFFICIENT');
    const limited = await reserve(resident.token, [{ rewardId: 'towel', quantity: 2 }]);
    expect(limited.status).toBe(422);
    expect(limited.body.error).toMatchObject({
      code: 'MONTHLY_LIMIT_REACHED',
      details: [{ field: 'body.items.0.quantity' }],
    });
    expect(limited.body.error.message).toContain('毛巾');
    expect((await call('GET', `${C}/points/me`, { token: poor.token })).body.balance).toBe(20);
  });

  it('lets the operator hand over at the counter by member code in one step', async () => {
    const code = (await call('GET', `${C}/points/me/code`, { token: resident.token })).body.code;
    const balance = (await call('GET', `${C}/points/me`, { token: resident.token })).body.balance;
    const res = await call('POST', `${C}/redemptions/counter`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: { memberCode: code, stationId: 'chunhui-center', items: [{ rewardId: 'garbage-bags', quantity: 1 }] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'fulfilled', totalPoints: 20 });
    expect((await call('GET', `${C}/points/me`, { token: resident.token })).body.balance).toBe(balance - 20);
  });

  it('lets one member code pay at the counter once: a second spend (a screenshot) is refused, the points stay', async () => {
    // Prepare
    const code = (await call('GET', `${C}/points/me/code`, { token: resident.token })).body.code;
    const balance = (await call('GET', `${C}/points/me`, { token: resident.token })).body.balance;
    const pay = async () =>
      call('POST', `${C}/redemptions/counter`, {
        token: await signIn('operator-liu'),
        idempotencyKey: newKey(),
        body: { memberCode: code, stationId: 'chunhui-center', items: [{ rewardId: 'garbage-bags', quantity: 1 }] },
      });
    // Act
    const first = await pay();
    const second = await pay();
    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(422);
    expect(second.body.error).toMatchObject({ code: 'MEMBER_CODE_USED', details: [{ field: 'body.memberCode' }] });
    expect((await call('GET', `${C}/points/me`, { token: resident.token })).body.balance).toBe(balance - 20);
  });

  it('cancels and refunds unclaimed reservations once the window has closed, once each', async () => {
    const late = await newResident();
    await earn(late.token, 5_000);
    const reserved = await reserve(late.token, [{ rewardId: 'garbage-bags', quantity: 1 }]);
    const balance = (await call('GET', `${C}/points/me`, { token: late.token })).body.balance;
    const after = new Date(Date.parse(reserved.body.windowClosesAt) + 60_000).toISOString();
    await call('POST', '/v1/dev/sweeps', { body: { now: after } });
    await call('POST', '/v1/dev/sweeps', { body: { now: after } });
    const mine = await call('GET', `${C}/redemptions/mine?limit=50`, { token: late.token });
    const swept = mine.body.items.find((r: { redemptionId: string }) => r.redemptionId === reserved.body.redemptionId);
    expect(swept).toMatchObject({ status: 'cancelled', cancelReason: '兑换时间已过，未领取，积分已退回' });
    expect((await call('GET', `${C}/points/me`, { token: late.token })).body.balance).toBe(balance + 20);
    const refunds = (await call('GET', `${C}/points/me/ledger`, { token: late.token })).body.items.filter(
      (e: { type: string }) => e.type === 'refund',
    );
    expect(refunds).toHaveLength(1);
  });
});

describe('the exchange-day close with a backlog', () => {
  it('stops when its tick is used up, says there is more, and the next tick refunds the rest, once each', async () => {
    // Prepare: three reservations of one resident whose window has closed.
    await openExchangeAllDay();
    const late = await newResident();
    await earn(late.token, 6_000);
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await reserve(late.token, [{ rewardId: 'garbage-bags', quantity: 1 }]));
    const after = new Date(Date.parse(made[0]?.body.windowClosesAt) + 60_000).toISOString();
    const tick = async (budgetMs?: number) =>
      (await call('POST', '/v1/dev/sweeps', { body: { now: after, sweeps: ['exchange-close'], budgetMs } })).body
        .results[0];

    // Act: a tick with no time to spare, then one with time.
    const starved = await tick(1);
    const next = await tick();

    // Assess
    expect(starved).toMatchObject({ name: 'exchange-close', more: true });
    expect(next.more).toBeUndefined();
    expect((starved.changed ?? 0) + next.changed).toBeGreaterThanOrEqual(3);
    const mine = await call('GET', `${C}/redemptions/mine?limit=50`, { token: late.token });
    const statuses = made.map(
      (m) => mine.body.items.find((r: { redemptionId: string }) => r.redemptionId === m.body.redemptionId)?.status,
    );
    expect(statuses).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const refunds = (await call('GET', `${C}/points/me/ledger`, { token: late.token })).body.items.filter(
      (e: { type: string }) => e.type === 'refund',
    );
    expect(refunds).toHaveLength(3);
  });
});

describe('outside the exchange window', () => {
  it('answers EXCHANGE_DAY_CLOSED with the next date and hours', async () => {
    const admin = await signIn('admin-fengqiao');
    const settings = (await call('GET', '/v1/communities/fengqiao', { token: admin })).body.settings;
    const today = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(8, 10));
    const day = (today % 28) + 1;
    await call('PUT', '/v1/communities/fengqiao/settings', {
      token: admin,
      body: {
        version: settings.version,
        exchangeDay: { mode: 'monthly', dayOfMonth: day, opensAt: '09:00', closesAt: '16:00' },
      },
    });
    const res = await call('POST', '/v1/communities/fengqiao/redemptions', {
      token: await signIn('resident-zhou'),
      idempotencyKey: newKey(),
      body: { stationId: 'fengqiao-center', items: [{ rewardId: 'garbage-bags', quantity: 1 }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('EXCHANGE_DAY_CLOSED');
    expect(res.body.error.message).toContain(`${day}日 09:00–16:00`);
    const summary = await call('GET', '/v1/communities/fengqiao/points/me', { token: await signIn('resident-zhou') });
    expect(summary.body.exchange.open).toBe(false);
    expect(summary.body.exchange.window.description).toContain('09:00–16:00');
  });
});

describe('a station’s reservations', () => {
  const list = (persona: string, station: string, query = '') =>
    signIn(persona).then((token) => call('GET', `${C}/stations/${station}/redemptions?limit=100${query}`, { token }));

  it('shows its operator and the admins what to get ready, oldest first, without the pickup code; handed over ones move on', async () => {
    // Prepare
    await openExchangeAllDay();
    const resident = await newResident();
    await earn(resident.token, 10_000);
    const first = await reserve(resident.token, [{ rewardId: 'garbage-bags', quantity: 1 }]);
    const second = await reserve(resident.token, [{ rewardId: 'laundry-soap', quantity: 1 }]);
    const other = await reserve(resident.token, [{ rewardId: 'garbage-bags', quantity: 1 }], 'cuizhu-point');

    // Act
    const operator = await list('operator-liu', 'chunhui-center');
    const admin = await list('admin-chunhui', 'cuizhu-point');
    await call('POST', `${C}/redemptions/fulfil`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: { pickupCode: first.body.pickupCode, stationId: 'chunhui-center' },
    });
    const waiting = await list('operator-liu', 'chunhui-center');
    const handed = await list('operator-liu', 'chunhui-center', '&status=fulfilled');

    // Assess
    expect(operator.status).toBe(200);
    const mine = (page: typeof operator) =>
      page.body.items.filter((r: { redemptionId: string }) =>
        [first, second, other].some((x) => x.body.redemptionId === r.redemptionId),
      );
    expect(mine(operator).map((r: { redemptionId: string }) => r.redemptionId)).toEqual([
      first.body.redemptionId,
      second.body.redemptionId,
    ]);
    for (const r of mine(operator)) {
      expect(r).toMatchObject({ status: 'reserved', pickupCode: null, stationId: 'chunhui-center' });
      expect(r.residentName).toContain('*');
    }
    expect(mine(admin).map((r: { redemptionId: string }) => r.redemptionId)).toEqual([other.body.redemptionId]);
    expect(mine(waiting).map((r: { redemptionId: string }) => r.redemptionId)).toEqual([second.body.redemptionId]);
    expect(mine(handed).map((r: { redemptionId: string }) => r.redemptionId)).toEqual([first.body.redemptionId]);
  });

  it('is only for the station’s own operators, and says what is wrong', async () => {
    const elsewhere = await list('operator-liu', 'cuizhu-point');
    const unknown = await list('admin-chunhui', 'no-such-station');
    const badStatus = await list('operator-liu', 'chunhui-center', '&status=lost');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('STATION_NOT_YOURS');
    expect(unknown.status).toBe(404);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details).toEqual([expect.objectContaining({ field: 'query.status' })]);
  });
});
