import { SortFlag, SortQualityQuery, sortQualityMonths } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import { countsOf, SHARDS, shardOf, sortQualityItem } from '../../functions/src/data/points/sort-quality.js';
import {
  flagRate,
  keptSortFlag,
  notedSortFlag,
  sortQualityCsv,
  sortQualityFigures,
} from '../../functions/src/domain/points/sort-quality.js';

const NOW = new Date('2026-12-04T08:00:00Z');
const counter = (buildingId: string, weighed: number, flagged: number, issues = {}) => ({
  buildingId,
  weighed,
  flagged,
  issues,
});

describe('the flag as kept and as the receipt says it', () => {
  it('keeps the issues in the list’s order and drops an empty note', () => {
    expect(keptSortFlag({ issues: ['other', 'mixed'], note: '  ' })).toEqual({ issues: ['mixed', 'other'] });
    expect(keptSortFlag({ issues: ['other'], note: ' 塑料袋 ' })).toEqual({ issues: ['other'], note: '塑料袋' });
    expect(keptSortFlag(undefined)).toBeUndefined();
  });

  it('names the issues on the receipt, never the note', () => {
    expect(notedSortFlag({ issues: ['wet_dirty', 'other'] })).toEqual({
      sortFlag: { issues: ['wet_dirty', 'other'], labels: ['可回收物不干净', '其他'] },
    });
    expect(notedSortFlag(undefined)).toEqual({});
  });
});

describe('the flag’s schema', () => {
  const field = (input: unknown) => {
    const r = SortFlag.safeParse(input);
    return r.success ? null : r.error.issues.map((i) => i.path.join('.'));
  };
  it('accepts the listed issues and a note of up to 50 characters beside 其他', () => {
    expect(field({ issues: ['mixed', 'hazardous_mixed'] })).toBeNull();
    expect(field({ issues: ['other'], note: '很'.repeat(50) })).toBeNull();
  });
  it.each([
    [{ issues: ['dirty'] }, 'issues.0'],
    [{ issues: [] }, 'issues'],
    [{ issues: ['mixed', 'mixed'] }, 'issues'],
    [{ issues: ['other'], note: '很'.repeat(51) }, 'note'],
    [{ issues: ['mixed'], note: '说明' }, 'note'],
  ])('refuses %j at %s', (input, path) => {
    expect(field(input)).toContain(path);
  });
});

describe('the months asked for', () => {
  it('takes one month, or a range', () => {
    expect(sortQualityMonths(SortQualityQuery.parse({ month: '2026-12' }))).toEqual({ from: '2026-12', to: '2026-12' });
    expect(sortQualityMonths(SortQualityQuery.parse({ from: '2026-01', to: '2026-03' }))).toEqual({
      from: '2026-01',
      to: '2026-03',
    });
  });
});

describe('the counters', () => {
  it('puts a resident always on the same one of the building’s shards', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    for (const id of ids) expect(shardOf(id)).toBe(shardOf(id));
    const used = new Set(ids.map(shardOf));
    expect(used.size).toBe(SHARDS);
    expect(Math.max(...used)).toBeLessThan(SHARDS);
  });

  it('adds one weigh-in, one flag and each issue ticked, with no flag only the weigh-in', () => {
    const at = { communityId: 'c', month: '2026-12', buildingId: 'b1', userId: 'u' };
    const flagged = sortQualityItem('T', at, ['mixed', 'other']).Update;
    expect(flagged?.UpdateExpression).toMatch(/^ADD weighed :one, flagged :one, #i0 :one, #i1 :one SET /);
    expect(flagged?.ExpressionAttributeNames).toMatchObject({ '#i0': 'issue_mixed', '#i1': 'issue_other' });
    expect(flagged?.Key).toEqual({ pk: 'COMM#c#SORTQ', sk: `MONTH#2026-12#BLD#b1#${shardOf('u')}` });
    const plain = sortQualityItem('T', { ...at, buildingId: null }, []).Update;
    expect(plain?.UpdateExpression).toMatch(/^ADD weighed :one SET /);
    expect(plain?.Key?.sk).toBe(`MONTH#2026-12#BLD#-#${shardOf('u')}`);
    expect(
      countsOf({ communityId: 'c', month: '2026-12', buildingId: '-', shard: 0, weighed: 3, issue_mixed: 2 }),
    ).toEqual({ month: '2026-12', buildingId: '', weighed: 3, flagged: 0, issues: { mixed: 2 } });
  });
});

describe('the figure', () => {
  const figure = sortQualityFigures({
    communityId: 'c',
    from: '2026-11',
    to: '2026-12',
    counters: [
      counter('b1', 10, 1, { mixed: 1 }),
      counter('b1', 10, 3, { mixed: 2, other: 1 }),
      counter('b2', 4, 2, { wet_dirty: 2 }),
      counter('b3', 5, 0),
      counter('', 2, 1, { hazardous_mixed: 1 }),
    ],
    buildings: [
      { buildingId: 'b1', name: '春晖苑 1幢' },
      { buildingId: 'b2', name: '春晖苑 2幢' },
      { buildingId: 'b3', name: '春晖苑 3幢' },
      { buildingId: 'b4', name: '春晖苑 4幢' },
    ],
    now: NOW,
  });

  it('adds the shards and months up per building, highest flag rate first, buildings with weigh-ins only', () => {
    expect(figure.byBuilding.map((b) => [b.name, b.weighed, b.flagged, b.flagRate])).toEqual([
      ['春晖苑 2幢', 4, 2, 0.5],
      ['未登记楼栋', 2, 1, 0.5],
      ['春晖苑 1幢', 20, 4, 0.2],
      ['春晖苑 3幢', 5, 0, 0],
    ]);
    expect(figure.total).toMatchObject({ weighed: 31, flagged: 7, flagRate: 0.2258 });
    expect(figure.byBuilding[2]?.issues.filter((i) => i.count > 0)).toEqual([
      { issue: 'mixed', label: '混入其他垃圾', count: 3 },
      { issue: 'other', label: '其他', count: 1 },
    ]);
  });

  it('has no rate when nothing was weighed', () => {
    expect(flagRate(0, 0)).toBeNull();
    expect(flagRate(1, 3)).toBe(0.3333);
  });

  it('writes one building a row and the total, the rate as a percentage', () => {
    const csv = sortQualityCsv(figure);
    expect(csv.filename).toBe('分类质量-c-2026-11-2026-12.csv');
    expect(csv.csv.split('\r\n')).toEqual([
      '楼栋,称重次数,不合格次数,不合格率,混入其他垃圾,厨余未破袋,可回收物不干净,有害垃圾混投,其他',
      '春晖苑 2幢,4,2,50%,0,0,2,0,0',
      '未登记楼栋,2,1,50%,0,0,0,1,0',
      '春晖苑 1幢,20,4,20%,3,0,0,0,1',
      '春晖苑 3幢,5,0,0%,0,0,0,0,0',
      '合计,31,7,22.6%,3,0,2,1,1',
      '',
    ]);
  });
});
