import { describe, expect, it } from 'vitest';
import { shardOf } from '../../functions/src/data/points/sort-quality.js';
import { sortQualityRebuilt } from '../../functions/src/domain/points/sort-quality.js';

const entry = (entryId: string, userId: string, extra: Record<string, unknown> = {}) => ({
  entryId,
  userId,
  type: 'earn_recycling' as const,
  month: '2026-11',
  buildingId: 'b1',
  ...extra,
});

describe('the sort-quality counters rebuilt from the weigh-ins', () => {
  it('counts each credit in its building and month, flags and issues with it', () => {
    const rows = sortQualityRebuilt('c', [entry('e1', 'u1', { sortFlag: { issues: ['mixed', 'wet_dirty'] } })], []);
    expect(rows).toEqual([
      {
        communityId: 'c',
        month: '2026-11',
        buildingId: 'b1',
        shard: shardOf('u1'),
        weighed: 1,
        flagged: 1,
        issue_mixed: 1,
        issue_wet_dirty: 1,
      },
    ]);
  });

  it('counts a held weigh-in once, when it was held, whether approved or not, in the building kept with it', () => {
    const held = [
      {
        creditId: 'h1',
        userId: 'u1',
        at: '2026-10-31T17:00:00.000Z',
        buildingId: 'b2',
        sortFlag: { issues: ['other' as const] },
      },
      { creditId: 'h2', userId: 'u1', at: '2026-11-02T02:00:00.000Z', buildingId: null },
    ];
    // h1 was approved in November: its entry is the same weigh-in; 17:00 UTC on 31 October is 1 November in Shanghai.
    const rows = sortQualityRebuilt('c', [entry('h1', 'u1', { buildingId: 'b9' })], held);
    expect(rows.map((r) => [r.month, r.buildingId, r.weighed, r.flagged ?? 0])).toEqual([
      ['2026-11', 'b2', 1, 1],
      ['2026-11', '-', 1, 0],
    ]);
  });

  it('puts a weigh-in held before holds kept their building where its approval was credited, else in none', () => {
    const held = [
      { creditId: 'h1', userId: 'u1', at: '2026-11-02T02:00:00.000Z' },
      { creditId: 'h2', userId: 'u1', at: '2026-11-02T02:00:00.000Z' },
    ];
    const rows = sortQualityRebuilt('c', [entry('h1', 'u1', { buildingId: 'b7' })], held);
    expect(rows.map((r) => r.buildingId).sort()).toEqual(['-', 'b7']);
  });

  it('leaves out what is not a weigh-in: volunteering, exchanges, adjustments', () => {
    const rows = sortQualityRebuilt(
      'c',
      ['earn_volunteer', 'redeem', 'adjust'].map((type, i) => entry(`x${i}`, 'u1', { type })) as never,
      [],
    );
    expect(rows).toEqual([]);
  });

  it('adds up residents who share a shard, and keeps apart those who do not', () => {
    const users = Array.from({ length: 40 }, (_, i) => `u${i}`);
    const rows = sortQualityRebuilt(
      'c',
      users.map((u, i) => entry(`e${i}`, u)),
      [],
    );
    expect(rows.reduce((n, r) => n + r.weighed, 0)).toBe(40);
    expect(new Set(rows.map((r) => r.shard)).size).toBe(rows.length);
  });
});
