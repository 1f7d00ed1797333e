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
const { figuresOfSlice, medianOfBuckets } = await import('../../functions/src/domain/rollups/street-figures.js');

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
};

describe('what a report adds', () => {
  it('counts in its Shanghai month of arrival; resolving it adds its bucket and whether it was on time', () => {
    const before = reportContribution(report);
    expect(before).toMatchObject({ part: 'feedback', month: '2026-04', counters: { received: 1, accepted: 1 } });
    const after = reportContribution({ ...report, status: 'resolved', resolvedAt: '2026-04-01T03:00:00.000Z' });
    const [delta, ...more] = difference(before, after);
    expect(more).toEqual([]);
    // 10 hours after arrival: an hour bucket; the deadline was kept.
    expect(delta?.counters).toEqual({
      received: 0,
      accepted: 0,
      resolved: 1,
      dropped: 0,
      escalated: 0,
      h_100: 1,
      withDeadline: 1,
      onTime: 1,
    });
  });

  it('an unchanged report changes nothing', () => {
    expect(difference(reportContribution(report), reportContribution(report))).toEqual([]);
  });
});

describe('resolve-time buckets', () => {
  it('are half hours below 4 h, hours below a day, 6 hours below 3 days, then days', () => {
    expect([0.2, 1.3, 3.8, 4.4, 23.4, 25, 50, 80, 100].map(hoursBucket)).toEqual([
      'h_0',
      'h_15',
      'h_40',
      'h_40',
      'h_230',
      'h_240',
      'h_480',
      'h_720',
      'h_960',
    ]);
  });

  it('give the median of their values, as the community figures compute it', () => {
    expect(medianOfBuckets({ h_10: 1, h_30: 2, received: 9 })).toBe(3);
    expect(medianOfBuckets({ h_10: 1, h_30: 1 })).toBe(2);
    expect(medianOfBuckets({ received: 3 })).toBeNull();
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
      lines: [
        { material: 'cardboard', grams: 1500, points: 15 },
        { material: 'cardboard', grams: 1000, points: 10 },
      ],
    });
    expect(earn).toMatchObject({ counters: { issuedRecycling: 25, g_cardboard: 2500 }, members: ['u1'] });
    const refund = entryContribution({ communityId: 'c1', userId: 'u1', type: 'refund', points: 30, month: '2026-04' });
    const redeem = entryContribution({
      communityId: 'c1',
      userId: 'u1',
      type: 'redeem',
      points: -50,
      month: '2026-04',
    });
    const [points] = sum([earn, refund, redeem]);
    expect(points?.counters).toEqual({ issuedRecycling: 25, g_cardboard: 2500, redeemed: 20 });
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
      part: 'bulletins',
      month: '2026-04',
      counters: { notices: 1, wideNotices: 1, wideReads: 12 },
    });
    const read = bulletins.item({ ...notice, readCount: 13 });
    expect(difference(contributionOf(item), contributionOf(read)).map((c) => c.counters)).toEqual([
      { notices: 0, wideNotices: 0, wideReads: 1 },
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
