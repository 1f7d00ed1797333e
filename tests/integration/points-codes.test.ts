/**
 * Codes a person can read out, through the API against DynamoDB Local: the
 * 16-digit member code (60 s, one credit), the pickup code (until the window
 * closes), and the last resort when neither can be read: the operator finds
 * the home by building and room, the resident confirms on their own phone.
 */
import { groupCode, hasValidCheckDigit } from '@linli/shared/rules';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import {
  creditRequestKey,
  expireStored,
  memberCodeKey,
  mistype,
  neverIssued,
  pickupCodeKey,
  storedItem,
} from '../support/point-codes.js';
import { earn } from '../support/points.js';
import { newResident, openExchangeAllDay } from '../support/residents.js';

const C = '/v1/communities/chunhui';
const CARDBOARD = [{ material: 'cardboard', grams: 2000 }]; // 20 points

async function memberCode(token: string, community = 'chunhui'): Promise<string> {
  const res = await call('GET', `/v1/communities/${community}/points/me/code`, { token });
  expect(res.status).toBe(200);
  return res.body.code;
}

async function credit(memberCodeValue: string, key = newKey(), lines = CARDBOARD) {
  return call('POST', `${C}/points/credits`, {
    token: await signIn('operator-liu'),
    idempotencyKey: key,
    body: { memberCode: memberCodeValue, stationId: 'chunhui-center', lines },
  });
}

const balanceOf = async (token: string) => (await call('GET', `${C}/points/me`, { token })).body.balance as number;

describe('the member code is 16 digits a person can read out', () => {
  let resident: { token: string; userId: string };
  beforeAll(async () => {
    resident = await newResident();
  });

  it('is 16 digits starting with 7, with a Luhn check digit, and a fresh one each time', async () => {
    // Act
    const res = await call('GET', `${C}/points/me/code`, { token: resident.token });
    const next = await memberCode(resident.token);

    // Assess
    expect(res.body.code).toMatch(/^7\d{15}$/);
    expect(hasValidCheckDigit(res.body.code)).toBe(true);
    expect(next).not.toBe(res.body.code);
    const lifetime = Date.parse(res.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(50_000);
    expect(lifetime).toBeLessThanOrEqual(60_000);
    expect(res.body.refreshAfterSeconds).toBe(30);
  });

  it('credits once, typed as read out (grouped by four), and a second use is refused', async () => {
    // Prepare
    const before = await balanceOf(resident.token);
    const code = await memberCode(resident.token);

    // Act: the operator types it as the resident reads it, in groups of four
    const first = await credit(groupCode(code));
    const second = await credit(code);

    // Assess
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'credited', points: 20 });
    expect(second.status).toBe(422);
    expect(second.body.error).toMatchObject({ code: 'MEMBER_CODE_USED', details: [{ field: 'body.memberCode' }] });
    expect(await balanceOf(resident.token)).toBe(before + 20);
    expect((await storedItem(memberCodeKey(code)))?.usedFor).toBe(`credit:${first.body.creditId}`);
  });

  it('refuses an expired code and a number it never issued, with the words the brief asks for', async () => {
    // Prepare
    const before = await balanceOf(resident.token);
    const expired = await memberCode(resident.token);
    await expireStored(memberCodeKey(expired));

    // Act
    const late = await credit(expired);
    const guessed = await credit(neverIssued('7'));

    // Assess
    expect([late.status, late.body.error.code]).toEqual([422, 'MEMBER_CODE_EXPIRED']);
    expect(guessed.status).toBe(422);
    expect(guessed.body.error).toMatchObject({
      code: 'MEMBER_CODE_INVALID',
      message: '积分码无效或已过期，请让居民刷新',
      details: [{ field: 'body.memberCode' }],
    });
    expect(await balanceOf(resident.token)).toBe(before);
  });

  it('catches a mistyped digit by its check digit, naming the field, before anything is read', async () => {
    // Prepare
    const before = await balanceOf(resident.token);
    const code = await memberCode(resident.token);

    // Act
    const mistyped = await credit(mistype(code));
    const pickupInstead = await credit(neverIssued('8'));
    const tooShort = await credit(code.slice(0, 12));
    const letters = await credit(`${code.slice(0, 15)}x`);

    // Assess
    expect(mistyped.status).toBe(400);
    expect(mistyped.body.error).toMatchObject({
      code: 'MEMBER_CODE_MISTYPED',
      details: [{ field: 'body.memberCode', message: '积分码有一位数字不对，请核对后重新输入' }],
    });
    expect(pickupInstead.body.error).toMatchObject({ code: 'MEMBER_CODE_MISTYPED' });
    expect(pickupInstead.body.error.message).toContain('这是领取码');
    for (const res of [tooShort, letters]) {
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('body.memberCode');
    }
    expect(tooShort.body.error.message).toContain('16 位数字');
    // The mistyped one never reached the code: the real one still credits.
    expect((await credit(code)).status).toBe(201);
    expect(await balanceOf(resident.token)).toBe(before + 20);
  });

  it('refuses another community’s code', async () => {
    const foreign = await memberCode(await signIn('resident-zhou'), 'fengqiao');
    const res = await credit(foreign);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'MEMBER_CODE_FOREIGN', details: [{ field: 'body.memberCode' }] });
  });

  it('answers a retry with the same Idempotency-Key with the first result, before and after the code expired, crediting once', async () => {
    // Prepare
    const before = await balanceOf(resident.token);
    const code = await memberCode(resident.token);
    const key = newKey();
    const first = await credit(code, key);

    // Act
    const fresh = await credit(code, key);
    await expireStored(memberCodeKey(code));
    const late = await credit(code, key);

    // Assess: one credit whatever happens; the stored result is looked up before the code, so the late retry gets it too
    expect(first.status).toBe(201);
    expect(fresh.status).toBe(201);
    expect(fresh.body.creditId).toBe(first.body.creditId);
    expect(late.status).toBe(201);
    expect(late.body).toEqual(first.body);
    expect(await balanceOf(resident.token)).toBe(before + 20);
  });
});

describe('the pickup code is 16 digits too, valid until the window closes', () => {
  let resident: { token: string; userId: string };
  beforeAll(async () => {
    await openExchangeAllDay();
    resident = await newResident();
    await earn(resident.token, 10_000); // 100 points
  });

  const reserve = async () => {
    const res = await call('POST', `${C}/redemptions`, {
      token: resident.token,
      idempotencyKey: newKey(),
      body: { stationId: 'chunhui-center', items: [{ rewardId: 'garbage-bags', quantity: 1 }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { redemptionId: string; pickupCode: string; windowClosesAt: string };
  };
  const fulfil = async (pickupCode: string) =>
    call('POST', `${C}/redemptions/fulfil`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: { pickupCode, stationId: 'chunhui-center' },
    });

  it('is shown to the resident (list and reservation alike), stored until the window closes, and hands over once, typed with spaces', async () => {
    // Prepare
    const reserved = await reserve();
    const mine = await call('GET', `${C}/redemptions/mine`, { token: resident.token });

    // Act
    const handed = await fulfil(groupCode(reserved.pickupCode));
    const again = await fulfil(reserved.pickupCode);

    // Assess
    expect(reserved.pickupCode).toMatch(/^8\d{15}$/);
    expect(hasValidCheckDigit(reserved.pickupCode)).toBe(true);
    expect(
      mine.body.items.find((r: { redemptionId: string }) => r.redemptionId === reserved.redemptionId),
    ).toMatchObject({ pickupCode: reserved.pickupCode });
    expect((await storedItem(pickupCodeKey(reserved.pickupCode)))?.validUntil).toBe(reserved.windowClosesAt);
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ redemptionId: reserved.redemptionId, status: 'fulfilled', pickupCode: null });
    expect([again.status, again.body.error.code]).toEqual([409, 'REDEMPTION_ALREADY_FULFILLED']);
  });

  it('tells the loser of two handovers at once the true reason, never that the window closed', async () => {
    // Prepare
    const reserved = await reserve();
    // Act: two operators' taps, at the same moment
    const both = await Promise.all([fulfil(reserved.pickupCode), fulfil(reserved.pickupCode)]);
    // Assess: one handover; the other is told it was already handed over
    const statuses = both.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = both.find((r) => r.status === 409);
    expect(loser?.body.error.code).toBe('REDEMPTION_ALREADY_FULFILLED');
    expect(loser?.body.error.message).not.toContain('兑换时间已过');
  });

  it('answers a retried handover with the first result after the window has closed', async () => {
    // Prepare
    const reserved = await reserve();
    const key = newKey();
    const send = async () =>
      call('POST', `${C}/redemptions/fulfil`, {
        token: await signIn('operator-liu'),
        idempotencyKey: key,
        body: { pickupCode: reserved.pickupCode, stationId: 'chunhui-center' },
      });
    const first = await send();
    // Act: the code's window is over when the retry comes
    await expireStored(pickupCodeKey(reserved.pickupCode));
    const retry = await send();
    // Assess
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ redemptionId: reserved.redemptionId, status: 'fulfilled' });
  });

  it('refuses a mistyped, a never-issued and a closed-window code, each naming the field', async () => {
    // Prepare
    const reserved = await reserve();
    const closed = await reserve();
    await expireStored(pickupCodeKey(closed.pickupCode));

    // Act
    const cases = await Promise.all([
      fulfil(mistype(reserved.pickupCode)),
      fulfil(neverIssued('8')),
      fulfil(closed.pickupCode),
      fulfil(neverIssued('7')),
    ]);

    // Assess
    expect(cases.map((r) => [r.status, r.body.error.code, r.body.error.details?.[0]?.field])).toEqual([
      [400, 'PICKUP_CODE_MISTYPED', 'body.pickupCode'],
      [422, 'PICKUP_CODE_INVALID', 'body.pickupCode'],
      [422, 'EXCHANGE_DAY_CLOSED', 'body.pickupCode'],
      [400, 'PICKUP_CODE_MISTYPED', 'body.pickupCode'],
    ]);
    expect(cases[3]?.body.error.message).toContain('这是积分码');
    // Nothing was handed over: the good code still works.
    expect((await fulfil(reserved.pickupCode)).status).toBe(200);
  });
});

describe('no code at all: found by building and room, confirmed on the resident’s phone', () => {
  let resident: { token: string; userId: string };
  let householdId: string;
  beforeAll(async () => {
    resident = await newResident('chy-b2');
    const me = await call('GET', '/v1/me', { token: resident.token });
    householdId = me.body.memberships.find((m: { communityId: string }) => m.communityId === 'chunhui').household
      .householdId;
  });

  const ask = async (key = newKey(), persona = 'operator-liu', stationId = 'chunhui-center') =>
    call('POST', `${C}/points/credit-requests`, {
      token: await signIn(persona),
      idempotencyKey: key,
      body: { householdId, stationId, lines: [{ material: 'plastic_bottle', grams: 1750 }] },
    });
  const pending = async (token = resident.token) =>
    (await call('GET', `${C}/points/me/credit-requests`, { token })).body.items as { requestId: string }[];
  const confirm = async (requestId: string, key = newKey(), token = resident.token) =>
    call('POST', `${C}/points/me/credit-requests/${requestId}/confirm`, { token, idempotencyKey: key });

  it('lists the building’s approved homes for the operator, with masked names', async () => {
    const res = await call('GET', `${C}/points/homes?buildingId=chy-b2`, { token: await signIn('operator-liu') });
    expect(res.status).toBe(200);
    const home = res.body.items.find((h: { householdId: string }) => h.householdId === householdId);
    expect(home).toMatchObject({ buildingId: 'chy-b2', unit: 1 });
    expect(home.maskedName).toContain('*');
    const bad = await call('GET', `${C}/points/homes?buildingId=nowhere`, { token: await signIn('operator-liu') });
    expect([bad.status, bad.body.error.details[0].field]).toEqual([400, 'query.buildingId']);
  });

  it('credits nothing until the resident confirms, then exactly what was asked, once', async () => {
    // Prepare
    const before = await balanceOf(resident.token);
    const key = newKey();
    const asked = await ask(key);
    const retried = await ask(key);

    // Assess: one pending request, the words the resident reads, nothing credited yet
    expect(asked.status).toBe(201);
    expect(retried.body.requestId).toBe(asked.body.requestId);
    expect(asked.body).toMatchObject({
      status: 'pending',
      stationName: '春晖党群服务站',
      operatorName: '刘芳',
      lines: [{ material: 'plastic_bottle', label: '塑料瓶', grams: 1750 }],
      points: 35,
      result: null,
    });
    expect(Date.parse(asked.body.expiresAt) - Date.now()).toBeGreaterThan(100_000);
    await expect.poll(async () => (await pending()).map((r) => r.requestId)).toContain(asked.body.requestId);
    expect(await balanceOf(resident.token)).toBe(before);

    // Act: the resident confirms, twice (a double tap with the same key, then a fresh tap)
    const confirmKey = newKey();
    const [one, two] = await Promise.all([
      confirm(asked.body.requestId, confirmKey),
      confirm(asked.body.requestId, confirmKey),
    ]);
    const three = await confirm(asked.body.requestId);

    // Assess: credited once, to them; the operator sees it confirmed with the credit
    expect([one.status, two.status, three.status]).toEqual([200, 200, 200]);
    expect(one.body).toMatchObject({ status: 'credited', points: 35 });
    expect(new Set([one.body.creditId, two.body.creditId, three.body.creditId]).size).toBe(1);
    expect(await balanceOf(resident.token)).toBe(before + 35);
    const seen = await call('GET', `${C}/points/credit-requests/${asked.body.requestId}`, {
      token: await signIn('operator-liu'),
    });
    expect(seen.body).toMatchObject({ status: 'confirmed', result: { creditId: one.body.creditId, points: 35 } });
    expect((await pending()).map((r) => r.requestId)).not.toContain(asked.body.requestId);
    const ledger = await call('GET', `${C}/points/me/ledger`, { token: resident.token });
    expect(ledger.body.items[0]).toMatchObject({ entryId: one.body.creditId, points: 35 });
  });

  it('credits nothing when declined or after its two minutes, and only its own resident may answer', async () => {
    // Prepare
    const before = await balanceOf(resident.token);
    const declined = (await ask()).body.requestId as string;
    const lapsed = (await ask()).body.requestId as string;
    const stranger = await newResident();
    await expireStored(creditRequestKey('chunhui', lapsed));

    // Act
    const no = await call('POST', `${C}/points/me/credit-requests/${declined}/decline`, { token: resident.token });
    const afterNo = await confirm(declined);
    const late = await confirm(lapsed);
    const notTheirs = await confirm((await ask()).body.requestId, newKey(), stranger.token);

    // Assess
    expect(no.body).toMatchObject({ status: 'declined', statusLabel: '居民已拒绝' });
    expect([afterNo.status, afterNo.body.error.code]).toEqual([409, 'CREDIT_REQUEST_DECLINED']);
    expect([late.status, late.body.error.code]).toEqual([422, 'CREDIT_REQUEST_EXPIRED']);
    expect([notTheirs.status, notTheirs.body.error.code]).toEqual([404, 'CREDIT_REQUEST_NOT_FOUND']);
    const operatorView = await call('GET', `${C}/points/credit-requests/${lapsed}`, {
      token: await signIn('operator-liu'),
    });
    expect(operatorView.body).toMatchObject({ status: 'expired', result: null });
    expect(await balanceOf(resident.token)).toBe(before);
  });

  it('refuses a request at another’s station, for an unknown home, and bad lines, naming the field', async () => {
    const elsewhere = await ask(newKey(), 'operator-liu', 'cuizhu-point');
    const unknownHome = await call('POST', `${C}/points/credit-requests`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: { householdId: 'no-such-home', stationId: 'chunhui-center', lines: CARDBOARD },
    });
    const badLines = await call('POST', `${C}/points/credit-requests`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: { householdId, stationId: 'chunhui-center', lines: [{ material: 'uranium', grams: 10 }] },
    });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'STATION_NOT_YOURS']);
    expect([unknownHome.status, unknownHome.body.error.details[0].field]).toEqual([400, 'body.householdId']);
    expect([badLines.status, badLines.body.error.details[0].field]).toEqual([400, 'body.lines.0.material']);
  });
});
