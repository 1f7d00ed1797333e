/**
 * Points expiry with the dev sweep clock, in 枫桥社区 (seeded with
 * `expiry: 'end_of_next_year'`; 春晖社区 keeps `never`). Points reach the
 * balances here by admin adjustments, so the recycling figures of 枫桥
 * (points-figures.test.ts) are untouched.
 */
import { shanghaiYear } from '@linli/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { newResident } from '../support/residents.js';

const YEAR = shanghaiYear(new Date());

async function sweep(shanghai: string) {
  const res = await call('POST', '/v1/dev/sweeps', {
    body: { now: new Date(`${shanghai}+08:00`).toISOString(), sweeps: ['points-expiry'] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.results).toEqual([{ name: 'points-expiry', changed: expect.any(Number) }]);
  return res.body.results[0].changed as number;
}

async function adjust(community: string, admin: string, userId: string, points: number) {
  const res = await call('POST', `/v1/communities/${community}/points/adjustments`, {
    token: await signIn(admin),
    idempotencyKey: newKey(),
    body: { userId, points, reason: points > 0 ? '补录志愿积分' : '兑换线下礼品' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const summary = async (community: string, token: string) =>
  (await call('GET', `/v1/communities/${community}/points/me`, { token })).body.balance as number;
const expiries = async (community: string, token: string) =>
  (await call('GET', `/v1/communities/${community}/points/me/ledger?limit=100`, { token })).body.items.filter(
    (e: { type: string }) => e.type === 'expire',
  );

describe('points expiry at the end of the year after they were earned', () => {
  let spender: { token: string; userId: string };
  let saver: { token: string; userId: string };
  let chunhui: { token: string; userId: string };
  beforeAll(async () => {
    const fengqiao = () => newResident('fqx-b5', 'fengqiao-xincun', 'fengqiao', 'admin-fengqiao');
    [spender, saver] = await Promise.all([fengqiao(), fengqiao()]);
    chunhui = await newResident('chy-b6');
    await adjust('fengqiao', 'admin-fengqiao', spender.userId, 100);
    await adjust('fengqiao', 'admin-fengqiao', spender.userId, -30);
    await adjust('fengqiao', 'admin-fengqiao', saver.userId, 50);
    await adjust('chunhui', 'admin-chunhui', chunhui.userId, 40);
  });

  it('keeps this year’s points through the whole of next year', async () => {
    await sweep(`${YEAR + 1}-06-30T12:00:00`);
    await sweep(`${YEAR + 1}-12-31T23:59:59`);
    expect(await summary('fengqiao', spender.token)).toBe(70);
    expect(await summary('fengqiao', saver.token)).toBe(50);
    expect(await expiries('fengqiao', spender.token)).toEqual([]);
  });

  it('writes off what is left of them on 1 January after, once per account, however often the sweep runs', async () => {
    const at = `${YEAR + 2}-01-01T00:00:00`;
    const together = await Promise.all([sweep(at), sweep(at)]);
    const later = await sweep(`${YEAR + 2}-01-01T00:05:00`);
    expect(together[0] + together[1]).toBeGreaterThanOrEqual(2);
    expect(later).toBe(0);

    expect(await summary('fengqiao', spender.token)).toBe(0);
    expect(await summary('fengqiao', saver.token)).toBe(0);
    const [spent] = await expiries('fengqiao', spender.token);
    expect(await expiries('fengqiao', spender.token)).toHaveLength(1);
    expect(spent).toMatchObject({
      points: -70,
      typeLabel: '过期',
      at: new Date(`${at}+08:00`).toISOString(),
      note: `${YEAR} 年获得的积分已于 ${YEAR + 1} 年底到期`,
    });
    expect((await expiries('fengqiao', saver.token)).map((e: { points: number }) => e.points)).toEqual([-50]);
  });

  it('leaves communities whose points never expire alone', async () => {
    await sweep(`${YEAR + 2}-01-01T00:10:00`);
    expect(await summary('chunhui', chunhui.token)).toBe(40);
    expect(await expiries('chunhui', chunhui.token)).toEqual([]);
  });

  it('refuses to run a sweep it does not know, naming it', async () => {
    const res = await call('POST', '/v1/dev/sweeps', { body: { now: new Date().toISOString(), sweeps: ['nonsense'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('body.sweeps.0');
  });
});
