/**
 * The roll-ups' pure rules: what an item adds, the difference a change makes,
 * the resolve-time buckets and their median, and the figures folded from
 * counters. Items are built by their own entity declarations, as the stream
 * hands them to the consumer.
 */
import { describe, expect, it } from 'vitest';
import { localEnv } from './local-env.js';

localEnv();
const { bulletins } = await import('../../functions/src/data/bulletins/bulletin.js');
const { contributionOf } = await import('../../functions/src/domain/rollups/consume.js');
const { difference, entryContribution, hoursBucket, reportContribution, sum } = await import(
  '../../functions/src/domain/rollups/contributions.js'
);
const { figuresOfSlice, streetFigures } = await import('../../functions/src/domain/rollups/street-figures.js');
const { medianOfBuckets } = await import('../../functions/src/domain/feedback/stats.js');
const { rollupsOf } = await import('../../functions/src/domain/rollups/rebuild.js');
const { addSections, pack, sectionsOf, toStreet, unpack } = await import('../../functions/src/data/rollups.js');
const { deflateRawSync } = await import('node:zlib');

const report = {
  communityId: 'c1',
  status: 'accepted' as const,
  createdAt: '2026-03-31T17:00:00.000Z', // 1 April in Shanghai
  acceptedAt: '2026-03-31T17:30:00.000Z',
  resolvedAt: null,
  resolveBy: '2026-04-01T17:00:00.000Z',
  rating: null,
  closure: undefined,
  escalated: false,
  overdue: false,
  category: 'drain',
  categoryLabel: '下水道',
  gridId: 'g1',
  assignee: { kind: 'unit' as const, unitId: 'water', name: '水务集团' },
  location: { estateId: 'e1', buildingId: null, unit: null, detail: '', address: '' },
};

describe('what a report adds', () => {
  it('counts in its Shanghai month of arrival, in total and by category, grid and unit; resolving it adds its bucket and whether it was on time', () => {
    const before = reportContribution(report);
    expect(before.slot).toBe('2026-04');
    expect(Object.keys(before.sections)).toEqual([
      'feedback',
      'feedback.cat.drain',
      'feedback.grid.g1',
      'feedback.unit.id:water',
    ]);
    expect(before.labels).toEqual({ 'feedback.cat.drain': '下水道', 'feedback.unit.id:water': '水务集团' });
    const after = reportContribution({ ...report, status: 'resolved', resolvedAt: '2026-04-01T03:00:00.000Z' });
    const [delta, ...more] = difference(before, after);
    expect(more).toEqual([]);
    // 10 hours after arrival; the deadline was kept. Each section gains the same.
    const gained = { resolved: 1, h_100: 1, withDeadline: 1, onTime: 1 };
    expect(delta?.sections).toEqual({
      feedback: gained,
      'feedback.cat.drain': gained,
      'feedback.grid.g1': gained,
      'feedback.unit.id:water': gained,
    });
  });

  it('an unchanged report changes nothing; one dispatched elsewhere moves between units', () => {
    expect(difference(reportContribution(report), reportContribution(report))).toEqual([]);
    const moved = difference(
      reportContribution(report),
      reportContribution({ ...report, assignee: { kind: 'unit', name: '区教育局' } }),
    );
    expect(moved[0]?.sections).toEqual({
      'feedback.unit.id:water': { received: -1, accepted: -1 },
      'feedback.unit.name:区教育局': { received: 1, accepted: 1 },
    });
  });

  it('counts ratings by who gave them, the automatic closes, and open reports the sweep marked overdue', () => {
    const closed = (closure: 'resident' | 'follow_up' | 'auto', score?: number) =>
      reportContribution({
        ...report,
        status: 'closed',
        resolvedAt: '2026-04-01T03:00:00.000Z',
        closure,
        rating: score ? { score, comment: '' } : null,
      }).sections.feedback;
    expect(closed('resident', 5)).toMatchObject({ rated: 1, ratingSum: 5, ratedResident: 1, ratingSumResident: 5 });
    expect(closed('follow_up', 3)).toMatchObject({ rated: 1, ratedFollowUp: 1, ratingSumFollowUp: 3 });
    expect(closed('auto')).toMatchObject({ autoConfirmed: 1 });
    expect(closed('auto')?.rated).toBeUndefined();
    expect(reportContribution({ ...report, overdue: true }).sections.feedback?.overdueOpen).toBe(1);
    expect(reportContribution({ ...report, status: 'resolved', overdue: true }).sections.feedback?.overdueOpen).toBe(0);
  });
});

describe('resolve-time buckets', () => {
  it('are tenths of an hour below a day, hours below a week, then days', () => {
    expect([0.02, 1.34, 3.86, 23.44, 25.4, 50, 167.6, 180, 200].map(hoursBucket)).toEqual([
      'h_0',
      'h_13',
      'h_39',
      'h_234',
      'h_250',
      'h_500',
      'h_1680',
      'h_1920',
      'h_1920',
    ]);
  });

  it('give the median of their values, as the figures define it', () => {
    expect(medianOfBuckets({ h_10: 1, h_30: 2, received: 9 })).toBe(3);
    expect(medianOfBuckets({ h_10: 1, h_30: 1 })).toBe(2);
    expect(medianOfBuckets({ h_10: 2, h_25: 1, h_30: 1 })).toBe(1.8);
    expect(medianOfBuckets({ received: 3 })).toBeNull();
  });

  it('read the buckets in any order, and skip empty buckets and counters that only look like one', () => {
    // Counters arrive in the order they were first added, not by bucket.
    expect(medianOfBuckets({ h_300: 1, h_5: 2, h_120: 1, h_60: 0 })).toBe(6.3);
    expect(medianOfBuckets({ h_2400: 1, h_10: 1, h_1200: 1 })).toBe(120);
    expect(medianOfBuckets({ h_x: 5, 'h_-10': 5, hours: 5, h_50: 1 })).toBe(5);
    expect(medianOfBuckets({ h_50: 0, h_60: -1 })).toBeNull();
  });
});

describe('what a ledger entry adds', () => {
  it('a weigh-in adds its grams by material, its points and its home; a refund lowers what was redeemed', () => {
    const earn = entryContribution({
      communityId: 'c1',
      userId: 'u1',
      type: 'earn_recycling',
      points: 25,
      month: '2026-04',
      buildingId: 'b1',
      lines: [
        { material: 'cardboard', grams: 1500, points: 15 },
        { material: 'cardboard', grams: 1000, points: 10 },
      ],
    });
    expect(earn).toMatchObject({
      sections: { points: { issuedRecycling: 25, g_cardboard: 2500 } },
      members: [{ userId: 'u1', buildingId: 'b1' }],
    });
    const refund = entryContribution({ communityId: 'c1', userId: 'u1', type: 'refund', points: 30, month: '2026-04' });
    const redeem = entryContribution({
      communityId: 'c1',
      userId: 'u1',
      type: 'redeem',
      points: -50,
      month: '2026-04',
    });
    const [points] = sum([earn, refund, redeem, earn]);
    expect(points?.sections.points).toEqual({ issuedRecycling: 50, g_cardboard: 5000, redeemed: 20 });
    // Two weigh-ins of one home: it counts once, in the month and in its building.
    const [month] = rollupsOf([earn, earn], 'st1').records;
    expect(month?.sections ?? {}).toMatchObject({ points: { participating: 1 }, 'points.bld.b1': { households: 1 } });
    // The street keeps the community's headline sections only.
    // The street keeps a year of its communities' headline sections in one roll-up.
    const street = rollupsOf([earn], 'st1').records.find((r) => r.scope === 'street');
    expect(street?.slot).toBe('2026');
    expect(street?.sections).toEqual({
      '2026-04/c1/points': { issuedRecycling: 25, g_cardboard: 2500, participating: 1 },
    });
  });
});

describe('sections of counters', () => {
  it('add and subtract, dropping counters that reach zero and sections left empty', () => {
    expect(addSections({ a: { x: 1, y: 2 } }, { a: { x: -1 }, b: { z: 3 } })).toEqual({ a: { y: 2 }, b: { z: 3 } });
    expect(addSections({ a: { x: 1 } }, { a: { x: 1 } }, -1)).toEqual({});
    expect(toStreet('c9', '2026-04', { feedback: { received: 1 }, 'feedback.grid.g1': { received: 1 } })).toEqual({
      '2026-04/c9/feedback': { received: 1 },
    });
  });
});

describe('packed roll-ups', () => {
  const sections = {
    feedback: { received: 3, h_20: 1, resolved: -1 },
    'feedback.cat.leak': { received: 3 },
    empty: {},
    points: { g_cardboard: 4_000_000_000, redeemed: 0.5 },
  };

  it('unpack to what was packed: integers, large and fractional values, empty sections and labels', () => {
    const packed = unpack(pack(sections, { 'feedback.cat.leak': '漏水' }));
    expect(sectionsOf(packed)).toEqual(sections);
    expect(packed.labels).toEqual({ 'feedback.cat.leak': '漏水' });
    // Each counter name is kept once, however many sections use it.
    expect(packed.names.filter((n) => n === 'received')).toHaveLength(1);
    expect(packed.values).toBeInstanceOf(Float64Array);
    expect(unpack(pack({ a: { x: 1, y: -2 } }, {})).values).toBeInstanceOf(Int32Array);
  });

  it('read the first layout (deflated JSON) as well, and refuse anything else', () => {
    const first = deflateRawSync(Buffer.from(JSON.stringify({ s: sections, l: { a: 'b' } })));
    expect(sectionsOf(unpack(first))).toEqual(sections);
    expect(unpack(first).labels).toEqual({ a: 'b' });
    expect(() => unpack(deflateRawSync(Buffer.from([7, 0, 0, 0])))).toThrow('not a packed roll-up');
  });

  it('fold into the street comparison, each month apart and the range together, as the drill-down does', () => {
    const street = {
      streetId: 's1',
      name: '长河街道',
      district: '临江区',
      communities: [
        { communityId: 'c1', name: '春晖社区' },
        { communityId: 'c2', name: '枫桥社区' },
      ],
    };
    const c1 = {
      '2026-03': { feedback: { received: 2, resolved: 1, h_20: 1 }, 'feedback.cat.leak': { received: 2 } },
      '2026-04': { feedback: { received: 1, resolved: 1, h_40: 1 }, points: { g_cardboard: 2000, participating: 3 } },
      HOMES: { homes: { homes: 10 } },
    };
    const year = Object.entries(c1)
      .filter(([slot]) => slot !== 'HOMES')
      .reduce((all, [slot, s]) => Object.assign(all, toStreet('c1', slot, s)), {});
    const now = new Date('2026-05-01T00:00:00Z');
    const figures = streetFigures({
      street,
      from: '2026-03',
      to: '2026-04',
      slots: [
        { slot: '2026', packed: unpack(pack(year, {})) },
        { slot: 'HOMES', packed: unpack(pack(toStreet('c1', 'HOMES', c1.HOMES), {})) },
      ],
      now,
    });
    const [one, two] = figures.communities;
    expect(one?.feedback).toMatchObject({ received: 3, resolved: 2, medianHoursToResolve: 3 });
    expect(one?.points).toMatchObject({ totalKg: 2, kgPerHousehold: 0.2, participatingHouseholds: 2 });
    expect(one?.households).toBe(10);
    expect(two).toMatchObject({ households: 0, feedback: { received: 0, resolved: 0, medianHoursToResolve: null } });
    const [march, april] = figures.byMonth;
    expect(march?.communities[0]?.points.kgByMaterial).toEqual([]);
    expect(april?.communities[0]?.points.kgByMaterial).toEqual([{ material: 'cardboard', label: '纸板', kg: 2 }]);
    expect(april?.communities[0]?.feedback.medianHoursToResolve).toBe(4);

    const drilled = streetFigures({
      street,
      from: '2026-03',
      to: '2026-04',
      communityId: 'c1',
      slots: Object.entries(c1).map(([slot, s]) => ({ slot, packed: unpack(pack(s, {})) })),
      now,
    });
    expect(drilled.communities).toEqual([one]);
    expect(drilled.byMonth.map((m) => m.communities)).toEqual(figures.byMonth.map((m) => [m.communities[0]]));
  });
});

describe('bulletins, told by their key', () => {
  const notice = {
    bulletinId: 'b1',
    communityId: 'c1',
    title: '停水通知',
    kind: 'notice' as const,
    coverKey: null,
    source: '周五停水。',
    blocks: [{ type: 'paragraph' as const, inlines: [{ text: '周五停水。' }] }],
    audience: { type: 'community' as const },
    important: true,
    pinned: false,
    publishAt: null,
    publishedAt: '2026-04-02T02:00:00.000Z',
    status: 'published' as const,
    revision: 1,
    version: 3,
    authorId: 'u-admin',
    authorName: '赵建华',
    approverId: 'u-admin2',
    approverName: '孙梅',
    rejectReason: null,
    readCount: 12,
    activityId: null,
    issueId: null,
    createdAt: '2026-04-01T01:00:00.000Z',
    updatedAt: '2026-04-02T02:00:00.000Z',
  };

  it('a published important notice to the whole community counts with its reads; a read adds one', () => {
    const item = bulletins.item(notice);
    expect(contributionOf(item)).toMatchObject({
      slot: '2026-04',
      sections: { bulletins: { notices: 1, wideNotices: 1, wideReads: 12 } },
    });
    const read = bulletins.item({ ...notice, readCount: 13 });
    expect(difference(contributionOf(item), contributionOf(read)).map((c) => c.sections)).toEqual([
      { bulletins: { wideReads: 1 } },
    ]);
  });

  it('an ordinary or unpublished one counts nothing', () => {
    expect(contributionOf(bulletins.item({ ...notice, important: false }))).toBeUndefined();
    expect(contributionOf(bulletins.item({ ...notice, status: 'approved' }))).toBeUndefined();
  });
});

describe('the figures from counters', () => {
  it('rates over their bases, the homes that weighed in averaged over the months', () => {
    const f = figuresOfSlice(
      { communityId: 'c1', name: '春晖社区' },
      200,
      {
        feedback: {
          received: 10,
          dropped: 2,
          resolved: 6,
          withDeadline: 5,
          onTime: 4,
          rated: 3,
          ratingSum: 13,
          h_20: 6,
        },
        points: { participating: 90, g_cardboard: 50_000, issuedRecycling: 500, issuedVolunteer: 20, redeemed: 300 },
        bulletins: { notices: 2, wideNotices: 1, wideReads: 50 },
      },
      3,
    );
    expect(f.feedback).toEqual({
      received: 10,
      resolved: 6,
      rectificationRate: 0.75,
      onTimeRate: 0.8,
      medianHoursToResolve: 2,
      averageSatisfaction: 4.33,
      escalated: 0,
    });
    expect(f.points).toMatchObject({
      totalKg: 50,
      kgPerHousehold: 0.25,
      participatingHouseholds: 30,
      participationRate: 0.15,
      issued: 520,
      redeemed: 300,
    });
    expect(f.bulletins).toEqual({ importantNotices: 2, readRate: 0.25 });
  });
});
