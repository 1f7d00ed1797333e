import { beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { expireStored, memberCodeKey, neverIssued } from '../support/point-codes.js';
import { newResident } from '../support/residents.js';

const C = '/v1/communities/chunhui';

async function memberCode(token: string, community = 'chunhui'): Promise<string> {
  const res = await call('GET', `/v1/communities/${community}/points/me/code`, { token });
  expect(res.status).toBe(200);
  return res.body.code;
}

async function credit(
  memberCodeValue: string,
  lines: { material: string; grams: number }[],
  key = newKey(),
  persona = 'operator-liu',
  stationId = 'chunhui-center',
) {
  return call('POST', `${C}/points/credits`, {
    token: await signIn(persona),
    idempotencyKey: key,
    body: { memberCode: memberCodeValue, stationId, lines },
  });
}

describe('crediting a weigh-in by member code', () => {
  let resident: { token: string; userId: string };
  beforeAll(async () => {
    resident = await newResident();
  });

  it('gives the points of the community’s rules and the resident sees the new balance and the entry', async () => {
    // 2.5 kg cardboard × 10/kg = 25, 1.23 kg bottles × 20/kg = 24.6 → floor 24.
    const res = await credit(await memberCode(resident.token), [
      { material: 'cardboard', grams: 2500 },
      { material: 'plastic_bottle', grams: 1230 },
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'credited', points: 49, capped: false, balance: 49 });
    expect(res.body.resident.maskedName).toMatch(/^邻\*+.$/);
    const me = await call('GET', `${C}/points/me`, { token: resident.token });
    expect(me.body).toMatchObject({ balance: 49, earnedThisMonth: 49, spentThisMonth: 0 });
    const ledger = await call('GET', `${C}/points/me/ledger`, { token: resident.token });
    expect(ledger.body.items[0]).toMatchObject({ type: 'earn_recycling', typeLabel: '垃圾分类', points: 49 });
    expect(ledger.body.items[0].note).toContain('纸板 2.500 公斤');
  });

  it('credits once for retries with the same Idempotency-Key, even concurrent ones', async () => {
    const before = (await call('GET', `${C}/points/me`, { token: resident.token })).body.balance;
    const code = await memberCode(resident.token);
    const key = newKey();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => credit(code, [{ material: 'metal_can', grams: 1000 }], key)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect(new Set(results.map((r) => r.body.creditId)).size).toBe(1);
    expect((await call('GET', `${C}/points/me`, { token: resident.token })).body.balance).toBe(before + 30);
  });

  it('refuses a member code used already, expired, forged, or of another community', async () => {
    const used = await memberCode(resident.token);
    await credit(used, [{ material: 'glass', grams: 1000 }]);
    const again = await credit(used, [{ material: 'glass', grams: 1000 }]);
    // Expired: a real code whose minute is up; forged: well-formed digits the server never issued.
    const expired = await memberCode(resident.token);
    await expireStored(memberCodeKey(expired));
    const forged = neverIssued('7');
    const foreign = await memberCode(await signIn('resident-zhou'), 'fengqiao');
    const cases = await Promise.all([
      credit(expired, [{ material: 'glass', grams: 1000 }]),
      credit(forged, [{ material: 'glass', grams: 1000 }]),
      credit(foreign, [{ material: 'glass', grams: 1000 }]),
    ]);
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'MEMBER_CODE_USED', details: [{ field: 'body.memberCode' }] });
    expect(cases.map((r) => r.body.error.code)).toEqual([
      'MEMBER_CODE_EXPIRED',
      'MEMBER_CODE_INVALID',
      'MEMBER_CODE_FOREIGN',
    ]);
  });

  it('lets an operator credit only at their own station', async () => {
    const res = await credit(
      await memberCode(resident.token),
      [{ material: 'glass', grams: 1000 }],
      newKey(),
      'operator-liu',
      'cuizhu-point',
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('STATION_NOT_YOURS');
  });

  it('holds a weigh-in with an outlier line for the admin and credits nothing', async () => {
    const before = (await call('GET', `${C}/points/me`, { token: resident.token })).body.balance;
    const res = await credit(await memberCode(resident.token), [
      { material: 'cardboard', grams: 1000 },
      { material: 'textile', grams: 80_000 },
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'held', points: 0 });
    expect(res.body.lines[1]).toMatchObject({ outlier: true });
    expect((await call('GET', `${C}/points/me`, { token: resident.token })).body.balance).toBe(before);
  });

  it('stops at the daily cap and says so', async () => {
    const capped = await newResident();
    // 45 kg cardboard = 450 points; then 20 kg = 200 points, of which only 50 fit under the cap of 500.
    const first = await credit(await memberCode(capped.token), [{ material: 'cardboard', grams: 45_000 }]);
    const second = await credit(await memberCode(capped.token), [{ material: 'cardboard', grams: 20_000 }]);
    const third = await credit(await memberCode(capped.token), [{ material: 'cardboard', grams: 1_000 }]);
    expect(first.body).toMatchObject({ points: 450, capped: false });
    expect(second.body).toMatchObject({ points: 50, capped: true, balance: 500 });
    expect(third.body).toMatchObject({ points: 0, capped: true });
    expect((await call('GET', `${C}/points/me`, { token: capped.token })).body.balance).toBe(500);

    // The capped weigh-in is still on the resident's ledger, with no points, so its kilograms count
    const ledger = await call('GET', `${C}/points/me/ledger`, { token: capped.token });
    const last = ledger.body.items.find((e: { entryId: string }) => e.entryId === third.body.creditId);
    expect(last).toMatchObject({ type: 'earn_recycling', points: 0 });
    expect(last.note).toContain('已达每日积分上限');
    const sum = ledger.body.items.reduce((n: number, e: { points: number }) => n + e.points, 0);
    expect(sum).toBe(500);
  });

  it.each([
    [{ lines: [] }, 'body.lines'],
    [{ lines: [{ material: 'uranium', grams: 10 }] }, 'body.lines.0.material'],
    [{ lines: [{ material: 'glass', grams: 0 }] }, 'body.lines.0.grams'],
    [{ lines: [{ material: 'glass', grams: 1.5 }] }, 'body.lines.0.grams'],
    [{ memberCode: 'short' }, 'body.memberCode'],
  ])('refuses bad input %#, naming %s, and credits nothing', async (change, field) => {
    const before = (await call('GET', `${C}/points/me`, { token: resident.token })).body.balance;
    const res = await call('POST', `${C}/points/credits`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: {
        memberCode: await memberCode(resident.token),
        stationId: 'chunhui-center',
        lines: [{ material: 'glass', grams: 100 }],
        ...change,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
    expect((await call('GET', `${C}/points/me`, { token: resident.token })).body.balance).toBe(before);
  });
});
