/**
 * What the points tell residents in 消息, through the API of the local
 * stack: credits, adjustments, reservations, the exchange-morning reminder
 * (WeChat carries that one, once) and refunds, each written with the change
 * that causes it, so a refused change writes nothing. Also: a reward's
 * picture is checked by WeChat after it is saved, and a risky one is never
 * shown to residents.
 */
import { randomUUID } from 'node:crypto';
import { describeWindow, shanghaiClock, shanghaiDate } from '@linli/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { PNG, uploadPhoto } from '../support/photos.js';
import { earn } from '../support/points.js';
import { newResident, openExchangeAllDay } from '../support/residents.js';
import { consent, messagesOf, openidFor, outbox, settledOutbox, standIn } from '../support/wechat.js';

const C = '/v1/communities/chunhui';
const LEDGER = 'packages/points/ledger/index?communityId=chunhui';
const REDEMPTIONS = 'packages/points/redemptions/index?communityId=chunhui';

type Person = Awaited<ReturnType<typeof newResident>>;
type Box = Awaited<ReturnType<typeof messagesOf>>;

const ofKind = (box: Box, kind: string) => box.items.filter((m) => m.kind === kind);

/** The operator's weigh-in; the same `key` and `memberCode` make a retry of one request. */
async function credit(
  person: Person,
  lines: { material: string; grams: number }[],
  key = newKey(),
  memberCode?: string,
) {
  const code = memberCode ?? (await call('GET', `${C}/points/me/code`, { token: person.token })).body.code;
  return call('POST', `${C}/points/credits`, {
    token: await signIn('operator-liu'),
    idempotencyKey: key,
    body: { memberCode: code, stationId: 'chunhui-center', lines },
  });
}

async function reserve(person: Person, items: { rewardId: string; quantity: number }[], key = newKey()) {
  return call('POST', `${C}/redemptions`, {
    token: person.token,
    idempotencyKey: key,
    body: { stationId: 'chunhui-center', items },
  });
}

async function sweep(name: string, now: Date) {
  const res = await call('POST', '/v1/dev/sweeps', { body: { now: now.toISOString(), sweeps: [name] } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.results).toEqual([{ name, changed: expect.any(Number) }]);
  return res.body.results[0].changed as number;
}

/** A Shanghai wall-clock time today, e.g. `at('06:59')`. */
const today = (clock: string) => new Date(`${shanghaiDate(new Date())}T${clock}:00+08:00`);

describe('credits and adjustments in 消息', () => {
  let resident: Person;
  let neighbour: Person;
  beforeAll(async () => {
    [resident, neighbour] = await Promise.all([newResident(), newResident()]);
  });

  it('tells the resident of a weigh-in with the real figures, once per request, and nobody else', async () => {
    // Prepare: the household approval is the one message so far
    const before = await messagesOf(resident);
    expect(before.items.map((m) => m.kind)).toEqual(['household_approved']);
    expect(before.unread).toBe(1);
    // Act: the operator's request, retried with the same key
    const key = newKey();
    const lines = [{ material: 'plastic_bottle', grams: 1750 }];
    const code = (await call('GET', `${C}/points/me/code`, { token: resident.token })).body.code;
    const done = await Promise.all([credit(resident, lines, key, code), credit(resident, lines, key, code)]);
    expect(done.map((r) => r.status)).toEqual([201, 201]);
    // Assess
    const box = await messagesOf(resident);
    expect(ofKind(box, 'points_credited').map((m) => [m.title, m.body, m.link, m.read])).toEqual([
      ['积分到账', '塑料瓶 1.75 公斤，+35 分，余额 35 分', LEDGER, false],
    ]);
    expect(box.unread).toBe(2);
    expect(ofKind(await messagesOf(neighbour), 'points_credited')).toEqual([]);
    expect(ofKind(await messagesOf('operator-liu'), 'points_credited')).toEqual([]);
  });

  it('tells of a held weigh-in when an admin approves it, and not when it is refused', async () => {
    // Prepare: two weigh-ins over the per-line limit, held for an admin
    const held = async () => {
      const res = await credit(neighbour, [
        { material: 'cardboard', grams: 1000 },
        { material: 'textile', grams: 60_000 },
      ]);
      expect(res.body.status).toBe('held');
      return res.body.creditId as string;
    };
    const [approveId, rejectId] = [await held(), await held()];
    expect(ofKind(await messagesOf(neighbour), 'points_credited')).toEqual([]);
    const admin = await signIn('admin-chunhui');
    // Act
    const rejected = await call('POST', `${C}/points/held/${rejectId}/reject`, {
      token: admin,
      body: { reason: '称重记录有误' },
    });
    expect(rejected.status).toBe(200);
    const approved = await call('POST', `${C}/points/held/${approveId}/approve`, { token: admin });
    expect(approved.status).toBe(200);
    const again = await call('POST', `${C}/points/held/${approveId}/approve`, { token: admin });
    expect(again.status).toBe(409);
    // Assess: one message, for the approval, with the points the cap allowed (10 + 480)
    const credited = ofKind(await messagesOf(neighbour), 'points_credited');
    expect(credited.map((m) => m.body)).toEqual(['纸板 1 公斤、旧衣物 60 公斤（审核通过），+490 分，余额 490 分']);
  });

  it('tells the resident of an adjustment with its reason, and writes nothing for a refused one', async () => {
    // Prepare
    const admin = await signIn('admin-chunhui');
    const adjust = (points: number, reason: string) =>
      call('POST', `${C}/points/adjustments`, {
        token: admin,
        idempotencyKey: newKey(),
        body: { userId: resident.userId, points, reason },
      });
    // Act
    expect((await adjust(20, '补录线下称重')).status).toBe(201);
    const unread = (await messagesOf(resident)).unread;
    const refused = await adjust(-1000, '扣错了');
    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('POINTS_INSUFFICIENT');
    const box = await messagesOf(resident);
    expect(ofKind(box, 'points_adjusted').map((m) => [m.title, m.body, m.link])).toEqual([
      ['积分调整', '社区调整了您的积分：+20 分，原因：补录线下称重。余额 55 分', LEDGER],
    ]);
    expect(box.unread).toBe(unread);
  });

  it('tells each volunteer of the attendance credit, once however often it is confirmed', async () => {
    // Prepare: an activity starting in half an hour (check-in is open), the resident signed up and checked in
    const start = new Date(Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000);
    const [h, m] = shanghaiClock(start).split(':').map(Number) as [number, number];
    const end = Math.min(h * 60 + m + 60, 24 * 60);
    const title = `扫雪 ${randomUUID().slice(0, 4)}`;
    const created = await call('POST', `${C}/activities`, {
      token: await signIn('admin-chunhui'),
      idempotencyKey: newKey(),
      body: {
        title,
        description: '清扫小区主路积雪',
        date: shanghaiDate(start),
        startTime: shanghaiClock(start),
        endTime: `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`,
        place: '春晖苑 主路',
        points: 25,
        capacity: 10,
        organiserId: 'demo-grid-zhang',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const activityId = created.body.activityId as string;
    expect((await call('POST', `${C}/activities/${activityId}/signup`, { token: neighbour.token })).status).toBe(200);
    const balance = (await call('GET', `${C}/points/me`, { token: neighbour.token })).body.balance as number;
    // Act: the organiser and an admin confirm at once, and again
    const confirm = async (persona: string) =>
      call('POST', `${C}/activities/${activityId}/attendance`, {
        token: await signIn(persona),
        body: { userIds: [neighbour.userId] },
      });
    const results = await Promise.all([confirm('grid-zhang'), confirm('admin-chunhui'), confirm('grid-zhang')]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    // Assess
    const mine = ofKind(await messagesOf(neighbour), 'points_credited').filter((x) => x.body.includes(title));
    expect(mine.map((x) => x.body)).toEqual([`志愿服务“${title}”，+25 分，余额 ${balance + 25} 分`]);
  });
});

describe('exchange day in 消息', () => {
  let resident: Person;
  beforeAll(async () => {
    await openExchangeAllDay();
    resident = await newResident();
    await earn(resident.token, 30_000); // 300 points
  });

  it('puts a reservation in 消息 at once without WeChat, and writes nothing for a refused one', async () => {
    // Prepare: the resident allows one pickup reminder; a neighbour without points
    await consent(resident, ['pickup_reminder']);
    const poor = await newResident();
    // Act
    const reserved = await reserve(resident, [{ rewardId: 'laundry-soap', quantity: 2 }]);
    const refused = await reserve(poor, [{ rewardId: 'laundry-soap', quantity: 1 }]);
    // Assess
    expect(reserved.status).toBe(201);
    const window = { opensAt: today('00:00').toISOString(), closesAt: reserved.body.windowClosesAt };
    const waiting = ofKind(await messagesOf(resident), 'pickup_waiting');
    expect(waiting.map((m) => [m.title, m.link])).toEqual([['兑换品已为您留好', REDEMPTIONS]]);
    expect(waiting[0]?.body).toBe(
      `洗衣皂×2（共 60 分），请于 ${describeWindow(window)} 到春晖党群服务站出示领取码领取；逾期未领自动取消，积分退回。`,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('POINTS_INSUFFICIENT');
    const poorBox = await messagesOf(poor);
    expect(poorBox.items.map((m) => m.kind)).toEqual(['household_approved']);
    expect(poorBox.unread).toBe(1);
    // WeChat carries nothing at reserve time
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await outbox({ touser: openidFor(resident), template: 'pickup_reminder' })).toEqual([]);
  });

  it('reminds each waiting reservation from 07:00 on exchange day, once, and WeChat carries it once', async () => {
    // Prepare: one reservation waiting (from the test above), one handed over already
    const mine = (await call('GET', `${C}/redemptions/mine?limit=50`, { token: resident.token })).body.items as {
      redemptionId: string;
      status: string;
      pickupCode: string | null;
    }[];
    const waiting = mine.find((r) => r.status === 'reserved');
    if (!waiting) throw new Error('no reservation waiting');
    const other = await reserve(resident, [{ rewardId: 'garbage-bags', quantity: 1 }]);
    const handed = await call('POST', `${C}/redemptions/fulfil`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: { pickupCode: other.body.pickupCode, stationId: 'chunhui-center' },
    });
    expect(handed.status).toBe(200);
    // Act and assess: not before 07:00
    await sweep('pickup-reminder', today('06:59'));
    expect(ofKind(await messagesOf(resident), 'pickup_reminder')).toEqual([]);
    // From 07:00 (or now, if later), twice
    const morning = new Date(Math.max(Date.now(), today('07:00').getTime()) + 1000);
    await sweep('pickup-reminder', morning);
    await sweep('pickup-reminder', new Date(morning.getTime() + 5 * 60_000));
    const reminders = ofKind(await messagesOf(resident), 'pickup_reminder');
    expect(reminders.map((m) => [m.messageId, m.title, m.link])).toEqual([
      [`pickup-${waiting.redemptionId}`, '今天记得领取兑换品', REDEMPTIONS],
    ]);
    expect(reminders[0]?.body).toBe(
      '洗衣皂×2在春晖党群服务站等您领取，请于今天 24:00 前出示领取码。逾期未领自动取消，积分退回。',
    );
    const sent = await settledOutbox({ touser: openidFor(resident), template: 'pickup_reminder' }, 1);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.data.thing1?.value).toBe('洗衣皂×2');
    expect(sent[0]?.data.thing2?.value).toBe('春晖党群服务站');
    expect(sent[0]?.data.time3?.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 23:59$/);
    expect(sent[0]?.page).toBe(REDEMPTIONS);
  });

  it('tells of a refund the close sweep gave, but not of the resident’s own cancellation', async () => {
    // Prepare
    const late = await newResident();
    await earn(late.token, 5_000); // 50 points
    const own = await reserve(late, [{ rewardId: 'garbage-bags', quantity: 1 }]);
    const cancelled = await call('POST', `${C}/redemptions/${own.body.redemptionId}/cancel`, {
      token: late.token,
      idempotencyKey: newKey(),
      body: {},
    });
    expect(cancelled.status).toBe(200);
    const left = await reserve(late, [{ rewardId: 'garbage-bags', quantity: 1 }]);
    expect(left.status).toBe(201);
    // Act: the window closes unclaimed; the sweep runs twice
    const after = new Date(Date.parse(left.body.windowClosesAt) + 60_000);
    await sweep('exchange-close', after);
    await sweep('exchange-close', after);
    // Assess: one refund message, for the sweep's refund
    const refunds = ofKind(await messagesOf(late), 'pickup_refunded');
    expect(refunds.map((m) => [m.title, m.link])).toEqual([['兑换单已取消，积分已退回', LEDGER]]);
    expect(refunds[0]?.body).toMatch(
      /^垃圾袋（1卷）×1在 \d{1,2}月\d{1,2}日 24:00 前未领取，兑换单已取消，20 分已退回。$/,
    );
    expect((await call('GET', `${C}/points/me`, { token: late.token })).body.balance).toBe(50);
  });
});

describe('a reward’s picture', () => {
  it('is checked by WeChat after the reward is saved; a risky one is never shown to residents', async () => {
    // Prepare: a picture carrying the stand-in's risky marker
    const admin = await signIn('admin-chunhui');
    const risky = Buffer.concat([PNG, Buffer.from('RISKY-IMAGE')]);
    const imageKey = await uploadPhoto(admin, 'chunhui', 'reward', risky);
    // Act
    const created = await call('POST', `${C}/rewards`, {
      token: admin,
      idempotencyKey: newKey(),
      body: {
        name: `环保袋${randomUUID().slice(0, 4)}`,
        description: '',
        pointsCost: 40,
        imageKey,
        monthlyLimit: null,
        active: true,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const rewardId = created.body.rewardId as string;
    // Saved at once, with its picture; the verdict comes later
    expect(created.body.imageUrl).toBeTruthy();
    await standIn('/__stand-in/media-checks/flush', { body: {} });
    const resident = await signIn('resident-wang');
    const shown = async () =>
      (await call('GET', `${C}/rewards`, { token: resident })).body.items.find(
        (r: { rewardId: string }) => r.rewardId === rewardId,
      )?.imageUrl;
    await expect.poll(shown, { timeout: 15_000, interval: 200 }).toBeNull();
    // Assess: the admin still sees it, marked, and is told
    const all = await call('GET', `${C}/rewards/all`, { token: admin });
    expect(all.status).toBe(200);
    const mine = all.body.items.find((r: { rewardId: string }) => r.rewardId === rewardId);
    expect(mine).toMatchObject({ imageKey, imageHidden: true, imageUrl: expect.any(String) });
    const told = ofKind(await messagesOf('admin-chunhui'), 'photo_hidden').filter((m) =>
      m.body.includes(created.body.name),
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.link).toBe('packages/points-admin/rewards/index?communityId=chunhui');
    // A change of the reward keeps the mark
    const changed = await call('PUT', `${C}/rewards/${rewardId}`, {
      token: admin,
      body: {
        name: created.body.name,
        description: '可重复使用',
        pointsCost: 45,
        imageKey,
        monthlyLimit: null,
        active: true,
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ pointsCost: 45, imageHidden: true });
    expect(await shown()).toBeNull();
  });
});
