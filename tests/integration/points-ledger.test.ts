/**
 * Honest ledgers, through the API against DynamoDB Local: what the operator's
 * receipt says is what the resident's 积分明细 says, to the gram and the point;
 * every entry carries the balance it left, written in its own transaction;
 * weights that cannot be real are refused naming the field; and a volunteer
 * can withdraw a sign-up until the activity starts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  formatWeight,
  type PointsRules,
  pointsForWeighIn,
  shanghaiClock,
  shanghaiDate,
  shanghaiMonth,
  WEIGHT_MESSAGES,
} from '@linli/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { activities } from '../../functions/src/data/activities.js';
import { ledgerEntries } from '../../functions/src/data/points/ledger.js';
import { assertLocalEndpoint } from '../../infra/local/dynamodb-local.js';
import { call, newKey, signIn } from '../support/api.js';
import { newResident, openExchangeAllDay } from '../support/residents.js';

const C = '/v1/communities/chunhui';
type Person = { token: string; userId: string };
// biome-ignore lint/suspicious/noExplicitAny: API bodies are inspected field by field
type Entry = any;

function table() {
  const endpoint = inject('dynamoEndpoint');
  assertLocalEndpoint(endpoint);
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
    }),
  );
}

async function rules(): Promise<PointsRules> {
  const res = await call('GET', C, { token: await signIn('admin-chunhui') });
  return res.body.settings.pointsRules;
}

async function credit(resident: Person, lines: { material: string; grams: unknown }[], operator = 'operator-liu') {
  const code = await call('GET', `${C}/points/me/code`, { token: resident.token });
  return call('POST', `${C}/points/credits`, {
    token: await signIn(operator),
    idempotencyKey: newKey(),
    body: { memberCode: code.body.code, stationId: 'chunhui-center', lines },
  });
}

/** The whole ledger, oldest first (the API pages newest first). */
async function ledgerOf(resident: Person): Promise<Entry[]> {
  const items: Entry[] = [];
  let cursor: string | undefined;
  do {
    const res = await call('GET', `${C}/points/me/ledger?limit=5${cursor ? `&cursor=${cursor}` : ''}`, {
      token: resident.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.cursor ?? undefined;
  } while (cursor);
  return items.reverse();
}

/** The invariant: in time order, every entry's balanceAfter is the running sum, and the last is the balance. */
async function expectRunningBalances(resident: Person) {
  const entries = await ledgerOf(resident);
  let sum = 0;
  for (const e of entries) {
    sum += e.points;
    expect(e.balanceAfter, `${e.typeLabel} at ${e.at}`).toBe(sum);
  }
  const balance = (await call('GET', `${C}/points/me`, { token: resident.token })).body.balance;
  expect(balance).toBe(sum);
  return entries;
}

describe('the receipt and the ledger agree to the gram', () => {
  let resident: Person;
  beforeAll(async () => {
    resident = await newResident('chy-b3');
  });

  it('credits 1.75 kg, 0.333 kg and 12.005 kg as weighed, with points = the community’s rule of the grams', async () => {
    // Prepare: the community's rates and rounding, and three awkward weights
    const current = await rules();
    const lines = [
      { material: 'plastic_bottle', grams: 1_750 },
      { material: 'cardboard', grams: 333 },
      { material: 'glass', grams: 12_005 },
    ];
    const expected = pointsForWeighIn(current, lines);

    // Act
    const receipt = await credit(resident, lines);

    // Assess: the receipt
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    expect(receipt.body.lines.map((l: Entry) => [l.material, l.grams, l.points])).toEqual(
      expected.lines.map((l) => [l.material, l.grams, l.points]),
    );
    expect(receipt.body.points).toBe(expected.points);
    // With the default rates (塑料瓶 20 分/公斤, rounded down) 1.750 kg is 35, not 36.
    const bottles = current.materials.find((m) => m.material === 'plastic_bottle');
    if (bottles?.pointsPerKg === 20 && current.rounding === 'floor') expect(expected.lines[0]?.points).toBe(35);

    // Assess: the ledger says the same grams and points, where and by whom, and the balance it left
    const [entry] = (await call('GET', `${C}/points/me/ledger`, { token: resident.token })).body.items;
    expect(entry).toMatchObject({
      entryId: receipt.body.creditId,
      type: 'earn_recycling',
      points: receipt.body.points,
      stationName: '春晖党群服务站',
      operatorName: '刘*',
      balanceAfter: receipt.body.balance,
    });
    expect(entry.lines).toEqual(
      receipt.body.lines.map((l: Entry) => ({
        material: l.material,
        label: l.label,
        grams: l.grams,
        points: l.points,
      })),
    );
    expect(entry.note).toBe(
      `${receipt.body.lines.map((l: Entry) => `${l.label} ${formatWeight(l.grams)}`).join('、')}`,
    );
    expect(entry.note).toContain('1.750 公斤');
    expect(entry.note).toContain('0.333 公斤');
    expect(entry.note).toContain('12.005 公斤');
  });

  it('reads entries written before the exact fields: labels from the community, no balance after', async () => {
    // Prepare: an entry as the first version wrote it (rounded kg in the note, no label, no balanceAfter)
    const legacy = await newResident('chy-b3');
    const at = new Date(Date.now() - 60_000).toISOString();
    await table().send(
      new PutCommand({
        TableName: inject('tableName'),
        Item: {
          ...ledgerEntries.key({ communityId: 'chunhui', userId: legacy.userId, at, entryId: 'legacy-1' }),
          kind: 'ledger',
          entryId: 'legacy-1',
          communityId: 'chunhui',
          userId: legacy.userId,
          type: 'earn_recycling',
          points: 35,
          at,
          month: shanghaiMonth(new Date(at)),
          note: '塑料瓶 1.8 公斤',
          ref: 'credit:legacy-1',
          by: 'demo-operator-liu',
          lines: [{ material: 'plastic_bottle', grams: 1_750, points: 35 }],
          stationId: 'chunhui-center',
        },
      }),
    );

    // Act
    const [entry] = (await call('GET', `${C}/points/me/ledger`, { token: legacy.token })).body.items;

    // Assess: the grams are the stored ones, named as the community names them
    expect(entry).toMatchObject({
      lines: [{ material: 'plastic_bottle', label: '塑料瓶', grams: 1_750, points: 35 }],
      stationName: '春晖党群服务站',
      operatorName: '刘*',
      balanceAfter: null,
    });
  });
});

describe('every entry carries the balance it left', () => {
  it('over credits, a reservation, a cancellation, an adjustment and concurrent credits', async () => {
    // Prepare: the counter open; a new resident
    await openExchangeAllDay();
    const resident = await newResident('chy-b4');

    // Act: one after another, then five credits at once
    const first = await credit(resident, [{ material: 'cardboard', grams: 5_000 }]);
    expect(first.status).toBe(201);
    const reserve = await call('POST', `${C}/redemptions`, {
      token: resident.token,
      idempotencyKey: newKey(),
      body: { stationId: 'chunhui-center', items: [{ rewardId: 'garbage-bags', quantity: 1 }] },
    });
    expect(reserve.status, JSON.stringify(reserve.body)).toBe(201);
    const second = await credit(resident, [{ material: 'metal_can', grams: 1_234 }]);
    expect(second.status).toBe(201);
    const cancel = await call('POST', `${C}/redemptions/${reserve.body.redemptionId}/cancel`, {
      token: resident.token,
      idempotencyKey: newKey(),
      body: {},
    });
    expect(cancel.status).toBe(200);
    const adjust = await call('POST', `${C}/points/adjustments`, {
      token: await signIn('admin-chunhui'),
      idempotencyKey: newKey(),
      body: { userId: resident.userId, points: -7, reason: '扣除误记积分' },
    });
    expect(adjust.status, JSON.stringify(adjust.body)).toBe(201);
    const together = await Promise.all(
      [500, 600, 700, 800, 900].map((grams) => credit(resident, [{ material: 'plastic_bottle', grams }])),
    );
    expect(together.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);

    // Assess: in time order balanceAfter is the running sum, ending at the balance
    const entries = await expectRunningBalances(resident);
    expect(entries.map((e) => e.type)).toEqual([
      'earn_recycling',
      'redeem',
      'earn_recycling',
      'refund',
      'adjust',
      ...Array(5).fill('earn_recycling'),
    ]);
    // What each answer said is what its entry says
    const byId = new Map(entries.map((e) => [e.entryId, e]));
    for (const r of [first, second, ...together]) expect(byId.get(r.body.creditId)?.balanceAfter).toBe(r.body.balance);
    expect(entries[4]).toMatchObject({ type: 'adjust', operatorName: '赵*华', balanceAfter: adjust.body.balance });
    expect(entries[1]).toMatchObject({ type: 'redeem', stationName: '春晖党群服务站', operatorName: null });
  });
});

describe('weights that cannot be real are refused, naming the field', () => {
  let resident: Person;
  beforeAll(async () => {
    resident = await newResident('chy-b5');
  });

  it.each([
    ['negative', -2_000, WEIGHT_MESSAGES.notPositive],
    ['zero', 0, WEIGHT_MESSAGES.notPositive],
    ['over 200 kg', 200_001, WEIGHT_MESSAGES.tooHeavy],
    ['finer than a gram', 1_750.5, WEIGHT_MESSAGES.tooPrecise],
    ['not a number', '1.75', WEIGHT_MESSAGES.notNumber],
  ])('%s → 400 VALIDATION_FAILED on body.lines.1.grams', async (_what, grams, message) => {
    const balanceBefore = (await call('GET', `${C}/points/me`, { token: resident.token })).body.balance;
    const res = await credit(resident, [
      { material: 'cardboard', grams: 1_000 },
      { material: 'glass', grams },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([{ field: 'body.lines.1.grams', message }]);
    expect(res.body.error.message).toContain(message);
    // Nothing was credited, not even the good line
    expect((await call('GET', `${C}/points/me`, { token: resident.token })).body.balance).toBe(balanceBefore);
  });

  it('still holds a real but heavy line (over the community’s limit, up to 200 kg) for an admin', async () => {
    const limit = (await rules()).maxLineGrams;
    const res = await credit(resident, [{ material: 'textile', grams: Math.min(limit + 1, 200_000) }]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('held');
  });
});

/** A Shanghai slot starting `minutesAhead` from now, an hour long (until 24:00 at most). */
function slot(minutesAhead: number) {
  const start = new Date(Math.ceil((Date.now() + minutesAhead * 60_000) / 60_000) * 60_000);
  const startTime = shanghaiClock(start);
  const [h, m] = startTime.split(':').map(Number) as [number, number];
  const end = Math.min(h * 60 + m + 60, 24 * 60);
  const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
  return { date: shanghaiDate(start), startTime, endTime };
}

describe('withdrawing a sign-up', () => {
  let r1: Person;
  let r2: Person;
  beforeAll(async () => {
    [r1, r2] = await Promise.all([newResident('chy-b2'), newResident('chy-b2')]);
  });

  async function publish(capacity: number) {
    const res = await call('POST', `${C}/activities`, {
      token: await signIn('admin-chunhui'),
      idempotencyKey: newKey(),
      body: {
        title: `撤销报名 ${newKey().slice(0, 6)}`,
        ...slot(3 * 60),
        place: '春晖苑 3幢 楼下',
        points: 10,
        capacity,
        organiserId: 'demo-grid-zhang',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.activityId as string;
  }
  const signUp = (p: Person, id: string) => call('POST', `${C}/activities/${id}/signup`, { token: p.token });
  const withdraw = (p: Person, id: string) => call('DELETE', `${C}/activities/${id}/signup`, { token: p.token });

  it('frees the place before the start, once, and lets people sign up again', async () => {
    // Prepare: one place, taken by r1
    const id = await publish(1);
    expect((await signUp(r1, id)).status).toBe(200);
    expect((await signUp(r2, id)).body.error.code).toBe('ACTIVITY_FULL');

    // Act: r1 withdraws, twice at once (a double tap)
    const [a, b] = await Promise.all([withdraw(r1, id), withdraw(r1, id)]);

    // Assess: withdrawn once; the place is free for r2, and r1 can come back when there is room
    expect([a.status, b.status]).toEqual([200, 200]);
    const after = await call('GET', `${C}/activities/${id}`, { token: r1.token });
    expect(after.body).toMatchObject({ signedUp: 0, mine: null });
    const taken = await signUp(r2, id);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ signedUp: 1 });
    expect((await signUp(r1, id)).body.error.code).toBe('ACTIVITY_FULL');
    expect((await withdraw(r2, id)).body).toMatchObject({ signedUp: 0, mine: null });
    const again = await signUp(r1, id);
    expect(again.status).toBe(200);
    expect(again.body.mine.signedUpAt).toBeTruthy();
  });

  it('refuses once the activity has started, with a clear error', async () => {
    // Prepare: r1 signed up; then the start passes (moved back on the stored activity)
    const id = await publish(5);
    expect((await signUp(r1, id)).status).toBe(200);
    const past = new Date(Date.now() - 5 * 60_000).toISOString();
    await table().send(
      new UpdateCommand({
        TableName: inject('tableName'),
        Key: activities.key({ communityId: 'chunhui', activityId: id }),
        UpdateExpression: 'SET startsAt = :past',
        ExpressionAttributeValues: { ':past': past },
      }),
    );

    // Act
    const res = await withdraw(r1, id);

    // Assess
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'ACTIVITY_STARTED', message: '活动已开始，不能再取消报名' });
    const shown = await call('GET', `${C}/activities/${id}`, { token: r1.token });
    expect(shown.body).toMatchObject({ signedUp: 1, mine: { signedUpAt: expect.any(String) } });
  });

  it('refuses someone already checked in', async () => {
    // Prepare: an activity within its check-in hour; r1 signed up and checked in
    const res = await call('POST', `${C}/activities`, {
      token: await signIn('admin-chunhui'),
      idempotencyKey: newKey(),
      body: {
        title: `签到后撤销 ${newKey().slice(0, 6)}`,
        ...slot(30),
        place: '春晖苑 3幢 楼下',
        points: 10,
        capacity: 5,
        organiserId: 'demo-grid-zhang',
      },
    });
    const id = res.body.activityId as string;
    await signUp(r1, id);
    const code = (await call('GET', `${C}/activities/${id}/checkin-code`, { token: await signIn('grid-zhang') })).body
      .code;
    expect(
      (await call('POST', `${C}/activities/${id}/checkin`, { token: r1.token, body: { checkinCode: code } })).status,
    ).toBe(200);

    // Act + Assess
    const refused = await withdraw(r1, id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('ALREADY_CHECKED_IN');
  });
});
