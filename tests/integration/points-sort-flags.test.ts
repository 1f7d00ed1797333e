/**
 * Sort-quality flags on weigh-ins and the per-building figure, through the
 * API against DynamoDB Local. Other files credit in 春晖社区 too, so every
 * count here is a difference from the figure read before (files never interleave).
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiMonth } from '@linli/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import {
  countsOf as countsOfCounter,
  createSortQualityRepository,
  sortQualityCounters,
} from '../../functions/src/data/points/sort-quality.js';
import { createRollupSources, replaceSortQuality } from '../../functions/src/data/rollup-sources.js';
import { sortQualityRebuilt } from '../../functions/src/domain/points/sort-quality.js';
import { rebuildMonths } from '../../functions/src/domain/rollups/rebuild.js';
import { call, newKey, signIn } from '../support/api.js';
import { newResident } from '../support/residents.js';

const C = '/v1/communities/chunhui';
const MONTH = shanghaiMonth(new Date());
type Person = { token: string; userId: string };
type Row = {
  buildingId: string;
  name: string;
  weighed: number;
  flagged: number;
  flagRate: number | null;
  issues: { issue: string; label: string; count: number }[];
};

const codeOf = async (p: Person) => (await call('GET', `${C}/points/me/code`, { token: p.token })).body.code as string;
const balanceOf = async (p: Person) => (await call('GET', `${C}/points/me`, { token: p.token })).body.balance as number;

async function credit(memberCode: string, sortFlag?: unknown, key = newKey()) {
  return call('POST', `${C}/points/credits`, {
    token: await signIn('operator-liu'),
    idempotencyKey: key,
    body: {
      memberCode,
      stationId: 'chunhui-center',
      lines: [{ material: 'cardboard', grams: 1500 }],
      ...(sortFlag === undefined ? {} : { sortFlag }),
    },
  });
}

async function figure(query = `month=${MONTH}`) {
  const res = await call('GET', `${C}/points/sort-quality?${query}`, { token: await signIn('admin-chunhui') });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { total: Omit<Row, 'buildingId' | 'name'>; byBuilding: Row[] } & Record<string, unknown>;
}

const EMPTY = { weighed: 0, flagged: 0, issues: {} as Record<string, number> };
function countsOf(f: Awaited<ReturnType<typeof figure>>, buildingId: string | null) {
  const row = buildingId === null ? f.total : f.byBuilding.find((b) => b.buildingId === buildingId);
  if (!row) return EMPTY;
  return {
    weighed: row.weighed,
    flagged: row.flagged,
    issues: Object.fromEntries(row.issues.filter((i) => i.count > 0).map((i) => [i.issue, i.count])),
  };
}
const delta = (after: typeof EMPTY, before: typeof EMPTY) => ({
  weighed: after.weighed - before.weighed,
  flagged: after.flagged - before.flagged,
  issues: Object.fromEntries(
    Object.entries(after.issues)
      .map(([k, n]) => [k, n - (before.issues[k] ?? 0)] as const)
      .filter(([, n]) => n !== 0),
  ),
});

let a4: Person;
let b4: Person;
let c5: Person;

beforeAll(async () => {
  [a4, b4, c5] = await Promise.all([newResident('chy-b4'), newResident('chy-b4'), newResident('chy-b5')]);
});

describe('a flagged weigh-in', () => {
  it('credits the points, notes the flag on the receipt and counts once per building, even when retried', async () => {
    const before = await figure();

    // A flagged delivery, sent five times at once with one Idempotency-Key (a double tap, a retry).
    const code = await codeOf(a4);
    const key = newKey();
    const flag = { issues: ['other', 'mixed'], note: ' 夹带塑料袋 ' };
    const tries = await Promise.all(Array.from({ length: 5 }, () => credit(code, flag, key)));
    expect(tries.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect(new Set(tries.map((r) => r.body.creditId)).size).toBe(1);
    // 1.5 kg cardboard × 10/kg: a flag never refuses points.
    expect(tries[0]?.body).toMatchObject({
      status: 'credited',
      points: 15,
      sortFlag: { issues: ['mixed', 'other'], labels: ['混入其他垃圾', '其他'] },
    });
    expect(await balanceOf(a4)).toBe(15);
    // The same key once more, later: the first answer, nothing counted.
    expect((await credit(code, flag, key)).body.creditId).toBe(tries[0]?.body.creditId);

    // Unflagged in the same building, flagged in another.
    const plain = await credit(await codeOf(b4));
    expect(plain.status).toBe(201);
    expect(plain.body.sortFlag).toBeUndefined();
    expect((await credit(await codeOf(c5), { issues: ['wet_dirty'] })).status).toBe(201);

    const after = await figure();
    expect(delta(countsOf(after, 'chy-b4'), countsOf(before, 'chy-b4'))).toEqual({
      weighed: 2,
      flagged: 1,
      issues: { mixed: 1, other: 1 },
    });
    expect(delta(countsOf(after, 'chy-b5'), countsOf(before, 'chy-b5'))).toEqual({
      weighed: 1,
      flagged: 1,
      issues: { wet_dirty: 1 },
    });
    expect(delta(countsOf(after, null), countsOf(before, null))).toEqual({
      weighed: 3,
      flagged: 2,
      issues: { mixed: 1, other: 1, wet_dirty: 1 },
    });
  });
});

describe('a flag on the other ways in', () => {
  it('counts a weigh-in held for an admin when it is held, and a confirmed credit request once, when confirmed', async () => {
    const before = await figure();

    // Over the community's 50 kg line limit: held, no points, but weighed and flagged now.
    const held = await call('POST', `${C}/points/credits`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: {
        memberCode: await codeOf(c5),
        stationId: 'chunhui-center',
        lines: [{ material: 'cardboard', grams: 60_000 }],
        sortFlag: { issues: ['hazardous_mixed'] },
      },
    });
    expect(held.body).toMatchObject({ status: 'held', points: 0, sortFlag: { labels: ['有害垃圾混投'] } });

    // Found by building and room: nothing counts until the resident confirms.
    const me = await call('GET', '/v1/me', { token: c5.token });
    const householdId = me.body.memberships.find((m: { communityId: string }) => m.communityId === 'chunhui').household
      .householdId;
    const asked = await call('POST', `${C}/points/credit-requests`, {
      token: await signIn('operator-liu'),
      idempotencyKey: newKey(),
      body: {
        householdId,
        stationId: 'chunhui-center',
        lines: [{ material: 'cardboard', grams: 1000 }],
        sortFlag: { issues: ['bag_not_broken'] },
      },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const pending = await figure();
    expect(delta(countsOf(pending, 'chy-b5'), countsOf(before, 'chy-b5')).weighed).toBe(1);
    const key = newKey();
    const confirm = () =>
      call('POST', `${C}/points/me/credit-requests/${asked.body.requestId}/confirm`, {
        token: c5.token,
        idempotencyKey: key,
      });
    const [one, two] = [await confirm(), await confirm()];
    expect(one.body).toMatchObject({ status: 'credited', points: 10, sortFlag: { issues: ['bag_not_broken'] } });
    expect(two.body.creditId).toBe(one.body.creditId);

    expect(delta(countsOf(await figure(), 'chy-b5'), countsOf(before, 'chy-b5'))).toEqual({
      weighed: 2,
      flagged: 2,
      issues: { hazardous_mixed: 1, bag_not_broken: 1 },
    });
  });
});

describe('a flag that is not right', () => {
  it.each([
    [{ issues: ['dirty'] }, 'body.sortFlag.issues.0'],
    [{ issues: [] }, 'body.sortFlag.issues'],
    [{ issues: ['mixed', 'mixed'] }, 'body.sortFlag.issues'],
    [{ issues: ['other'], note: '很'.repeat(51) }, 'body.sortFlag.note'],
    [{ issues: ['mixed'], note: '没有选其他' }, 'body.sortFlag.note'],
    [{ issues: ['mixed'], who: '302 王阿姨' }, 'body.sortFlag'],
  ])('%j is refused naming %s, and nothing is written', async (sortFlag, field) => {
    const before = await figure();
    const balance = await balanceOf(b4);
    const code = await codeOf(b4);

    const res = await credit(code, sortFlag);

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await balanceOf(b4)).toBe(balance);
    expect(countsOf(await figure(), null)).toEqual(countsOf(before, null));
    // The code was not used up: the weigh-in goes through once put right.
    expect((await credit(code, { issues: ['mixed'] })).status).toBe(201);
  });
});

describe('the sort-quality figure', () => {
  it('adds up per building, rates flagged ÷ weighed, highest rate first', async () => {
    const f = await figure();
    expect(f).toMatchObject({ communityId: 'chunhui', from: MONTH, to: MONTH });
    const rates = f.byBuilding.map((b) => b.flagRate ?? 0);
    expect(rates).toEqual([...rates].sort((x, y) => y - x));
    for (const row of [...f.byBuilding, f.total]) {
      expect(row.flagRate).toBe(Math.round((row.flagged / row.weighed) * 10_000) / 10_000);
      expect(row.issues.map((i) => i.issue)).toEqual([
        'mixed',
        'bag_not_broken',
        'wet_dirty',
        'hazardous_mixed',
        'other',
      ]);
    }
    for (const key of ['weighed', 'flagged'] as const)
      expect(f.byBuilding.reduce((n, b) => n + b[key], 0)).toBe(f.total[key]);
    expect(f.byBuilding.find((b) => b.buildingId === 'chy-b4')?.name).toBe('春晖苑 4幢');
    // A range of months reads the same counters.
    const range = await figure(`from=2026-01&to=${MONTH}`);
    expect(range.total.weighed).toBeGreaterThanOrEqual(f.total.weighed);
  });

  it('never carries a resident: no name, openid, room, member code or user id', async () => {
    const f = await figure();
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
    };
    walk(f);
    expect([...keys].sort()).toEqual(
      [
        'communityId',
        'from',
        'to',
        'generatedAt',
        'total',
        'byBuilding',
        'buildingId',
        'name',
        'weighed',
        'flagged',
        'flagRate',
        'issues',
        'issue',
        'label',
        'count',
      ].sort(),
    );
    const text = JSON.stringify(f);
    for (const p of [a4, b4, c5]) expect(text).not.toContain(p.userId);
    expect(text).not.toMatch(/\d{16}|openid|nickname|room|memberCode|邻/);
  });

  it('comes as CSV too', async () => {
    const res = await fetch(`${inject('apiUrl')}${C}/points/sort-quality.csv?month=${MONTH}`, {
      headers: { authorization: `Bearer ${await signIn('admin-chunhui')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toBe('楼栋,称重次数,不合格次数,不合格率,混入其他垃圾,厨余未破袋,可回收物不干净,有害垃圾混投,其他');
    expect(rows.some((r) => r.startsWith('春晖苑 5幢,'))).toBe(true);
    expect(rows.some((r) => r.startsWith('合计,'))).toBe(true);
  });

  it.each([
    ['', 'query.month'],
    ['month=2026-13', 'query.month'],
    [`month=${MONTH}&from=2026-01`, 'query.from'],
    ['from=2026-01', 'query.to'],
    ['from=2026-05&to=2026-01', 'query.to'],
    ['from=2023-01&to=2026-01', 'query.to'],
  ])('refuses "%s", naming %s', async (query, field) => {
    const res = await call('GET', `${C}/points/sort-quality?${query}`, { token: await signIn('admin-chunhui') });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
  });

  it.each([
    ['operator-liu', 'ROLE_REQUIRED'],
    ['resident-wang', 'ROLE_REQUIRED'],
    ['admin-fengqiao', 'NOT_A_MEMBER'],
  ])('is refused to %s (%s), as figure and as CSV', async (persona, code) => {
    for (const path of ['sort-quality', 'sort-quality.csv']) {
      const res = await call('GET', `${C}/points/${path}?month=${MONTH}`, { token: await signIn(persona) });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe(code);
    }
  });
});

describe('the rebuild of the counters (npm run rollups:rebuild)', () => {
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';
  const table = createTable({
    tableName: inject('tableName'),
    region: 'cn-north-1',
    endpoint: inject('dynamoEndpoint'),
  });
  const repo = createSortQualityRepository(table);
  const byKey = (rows: { month: string; buildingId: string }[]) =>
    [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

  it('recomputes from the weigh-ins what their transactions counted, and puts back a counter that was lost', async () => {
    // The weigh-ins of this file (flagged, held, confirmed) and every other file's in 春晖社区.
    const months = rebuildMonths(new Date());
    const [first, last] = [months[0] as string, months.at(-1) as string];
    const sources = createRollupSources(table);
    const [entries, held] = await Promise.all([sources.ledger('chunhui', months), sources.heldWeighIns('chunhui')]);
    const rebuilt = sortQualityRebuilt('chunhui', entries, held);
    expect(held.some((h) => h.sortFlag?.issues.includes('hazardous_mixed'))).toBe(true);
    expect(byKey(rebuilt.map(countsOfCounter))).toEqual(byKey(await repo.sortQualityOf('chunhui', first, last)));

    // A counter lost (or grown by a write the ledger never kept): the figure is wrong until the rebuild.
    const before = await figure();
    const lost = rebuilt.find((r) => r.month === MONTH && (r.flagged ?? 0) > 0) as (typeof rebuilt)[number];
    await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: sortQualityCounters.key(lost) }));
    expect((await figure()).total.weighed).toBe(before.total.weighed - lost.weighed);

    expect(await replaceSortQuality(table, 'chunhui', rebuilt, first)).toEqual({
      written: rebuilt.length,
      differed: 1,
    });
    const after = await figure();
    expect({ total: after.total, byBuilding: after.byBuilding }).toEqual({
      total: before.total,
      byBuilding: before.byBuilding,
    });
    expect((await replaceSortQuality(table, 'chunhui', rebuilt, first)).differed).toBe(0);
  });
});
