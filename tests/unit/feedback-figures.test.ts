/**
 * The figures leaders read and the demand list, on hand-made reports whose
 * answers are worked out by hand, folded through the roll-ups' counters as
 * the stream consumer keeps them; and the CSV they download.
 */
import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../functions/src/data/rollups.js';
import { percent, toCsv } from '../../functions/src/domain/feedback/csv.js';
import { demandItems } from '../../functions/src/domain/feedback/demand.js';
import {
  FIGURES_CSV_HEADER,
  feedbackFigures,
  figuresCsv,
  figuresOfCounters,
  median,
  monthsBetween,
  sumSections,
} from '../../functions/src/domain/feedback/stats.js';
import { type ReportFacts, reportContribution, sum } from '../../functions/src/domain/rollups/contributions.js';

type FigureRecord = ReportFacts;

/** The community's roll-ups of these reports, as the consumer (or the rebuild) leaves them. */
const monthsOf = (records: readonly FigureRecord[]) =>
  sum(records.map(reportContribution)).map((c) => ({
    scope: 'community' as const,
    id: 'c',
    slot: c.slot,
    sections: c.sections,
    labels: c.labels ?? {},
  }));
/** The same, packed as the repository stores them and the figures read them. */
const packedOf = (records: readonly FigureRecord[]) =>
  monthsOf(records).map((r) => ({ slot: r.slot, packed: unpack(pack(r.sections, r.labels)) }));
const figuresOf = (records: readonly FigureRecord[]) =>
  figuresOfCounters(sumSections(monthsOf(records)).feedback ?? {});

const HOUR = 3_600_000;
const at = (iso: string, plusHours = 0) => new Date(Date.parse(iso) + plusHours * HOUR).toISOString();

function report(over: Partial<FigureRecord> = {}): FigureRecord {
  return {
    communityId: 'c',
    status: 'submitted',
    createdAt: '2026-04-10T02:00:00.000Z',
    acceptedAt: null,
    resolvedAt: null,
    resolveBy: null,
    rating: null,
    closure: undefined,
    escalated: false,
    overdue: false,
    category: 'noise',
    categoryLabel: '噪音',
    gridId: 'g1',
    assignee: null,
    location: { estateId: 'fqx', buildingId: null, unit: null, detail: '', address: '' },
    ...over,
  };
}

/** A resolved report: created at `created`, resolved `hours` later, due `dueHours` after creation. */
function fixed(created: string, hours: number, dueHours: number | null, over: Partial<FigureRecord> = {}) {
  return report({
    status: 'resolved',
    createdAt: created,
    acceptedAt: created,
    resolvedAt: at(created, hours),
    resolveBy: dueHours === null ? null : at(created, dueHours),
    ...over,
  });
}

const NOW = new Date('2026-04-20T04:00:00.000Z');
const NOW_ISO = NOW.toISOString();

describe('the figures of a set of reports', () => {
  it('counts, rates, median and satisfaction follow their definitions', () => {
    // Prepare: 10 reports; 4 fixed (2 closed and rated), 1 withdrawn, 1 rejected, 4 still open (3 accepted)
    const records = [
      fixed('2026-04-10T00:00:00.000Z', 2, 3, { status: 'closed', rating: { score: 5, comment: '' } }),
      fixed('2026-04-11T00:00:00.000Z', 5, 4, { status: 'closed', rating: { score: 4, comment: '' } }), // late
      fixed('2026-04-12T00:00:00.000Z', 1, 1), // exactly at the deadline: on time
      fixed('2026-04-13T00:00:00.000Z', 10, null), // no deadline: not in the on-time rate
      report({ status: 'withdrawn' }),
      report({ status: 'rejected' }),
      // past its deadline: the sweep marked it overdue
      report({ status: 'accepted', acceptedAt: NOW_ISO, resolveBy: '2026-04-20T03:59:59.000Z', overdue: true }),
      report({ status: 'dispatched', acceptedAt: NOW_ISO, resolveBy: '2026-04-21T00:00:00.000Z', overdue: true }),
      report({ status: 'submitted', overdue: true }), // nobody accepted it in time
      // due this very moment: not yet late, not marked
      report({ status: 'in_progress', acceptedAt: NOW_ISO, resolveBy: '2026-04-20T04:00:00.000Z' }),
    ];
    // Act
    const figures = figuresOf(records);
    // Assess
    expect(figuresOf([fixed('2026-04-10T00:00:00.000Z', 1, 2, { overdue: true })]).overdueNow).toBe(0); // done: not overdue now
    expect(figures).toEqual({
      received: 10,
      accepted: 7, // the 4 fixed and the 3 being worked on
      resolved: 4,
      rectificationRate: 0.5, // 4 ÷ (10 − 1 − 1)
      onTimeRate: 0.6667, // 2 of the 3 with a deadline
      medianHoursToResolve: 3.5, // median of 1, 2, 5, 10
      averageSatisfaction: 4.5, // closed ones only
      overdueNow: 3, // open and marked overdue by the deadline sweep
      ratedByResident: 2, // closed before the closure was kept: the reporter confirmed
      averageResidentRating: 4.5,
      ratedAtFollowUp: 0,
      averageFollowUpRating: null,
      autoConfirmed: 0,
    });
  });

  it('rounds hours to one decimal and satisfaction to two', () => {
    const records = [
      fixed('2026-04-01T00:00:00.000Z', 80 / 60, 2, { status: 'closed', rating: { score: 5, comment: '' } }),
      fixed('2026-04-02T00:00:00.000Z', 100 / 60, 2, { status: 'closed', rating: { score: 4, comment: '' } }),
      fixed('2026-04-03T00:00:00.000Z', 200 / 60, 2, { status: 'closed', rating: { score: 4, comment: '' } }),
    ];
    const figures = figuresOf(records);
    expect(figures.medianHoursToResolve).toBe(1.7); // 100 minutes
    expect(figures.averageSatisfaction).toBe(4.33); // 13 ÷ 3
    expect(figures.onTimeRate).toBe(0.6667);
    expect(figures.rectificationRate).toBe(1);
  });

  it('gives null rates, not zero, when nothing counts', () => {
    const none = figuresOf([]);
    const onlyDropped = figuresOf([report({ status: 'withdrawn' }), report({ status: 'rejected' })]);
    const onlyOpen = figuresOf([report({ status: 'accepted' })]);
    expect(none).toEqual({
      received: 0,
      accepted: 0,
      resolved: 0,
      rectificationRate: null,
      onTimeRate: null,
      medianHoursToResolve: null,
      averageSatisfaction: null,
      overdueNow: 0,
      ratedByResident: 0,
      averageResidentRating: null,
      ratedAtFollowUp: 0,
      averageFollowUpRating: null,
      autoConfirmed: 0,
    });
    expect(onlyDropped.received).toBe(2);
    expect(onlyDropped.rectificationRate).toBeNull();
    expect(onlyOpen.rectificationRate).toBe(0);
    expect(onlyOpen.onTimeRate).toBeNull();
  });

  it('separates ratings by residents, ratings at a follow-up and automatic closes without a rating', () => {
    // Prepare: 6 fixed reports; closed by the reporter (5, 4), at a follow-up (3, 2), by the system, one still waiting
    const rated = (score: number, closure: 'resident' | 'follow_up') =>
      ({ status: 'closed', closure, rating: { score, comment: '' } }) as const;
    const records = [
      fixed('2026-04-01T00:00:00.000Z', 1, 2, rated(5, 'resident')),
      fixed('2026-04-02T00:00:00.000Z', 1, 2, rated(4, 'resident')),
      fixed('2026-04-03T00:00:00.000Z', 1, 2, rated(3, 'follow_up')),
      fixed('2026-04-04T00:00:00.000Z', 1, 2, rated(2, 'follow_up')),
      fixed('2026-04-05T00:00:00.000Z', 1, 2, { status: 'closed', closure: 'auto', rating: null }),
      fixed('2026-04-06T00:00:00.000Z', 1, 2),
    ];
    // Act
    const figures = figuresOf(records);
    // Assess
    expect(figures).toMatchObject({
      resolved: 6,
      averageSatisfaction: 3.5, // (5 + 4 + 3 + 2) ÷ 4: the automatic close has no rating to count
      ratedByResident: 2,
      averageResidentRating: 4.5,
      ratedAtFollowUp: 2,
      averageFollowUpRating: 2.5,
      autoConfirmed: 1,
    });
  });

  it('takes the middle of an odd count and the mean of the two middles of an even one', () => {
    expect(median([7, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('figures by Shanghai month, category and grid', () => {
  const grids = [
    { gridId: 'g1', name: '第一网格' },
    { gridId: 'g2', name: '第二网格' },
  ];

  it('puts a report of 2026-03-31T16:30Z in April, as Shanghai sees it', () => {
    // Prepare
    const records = [
      report({ createdAt: '2026-03-31T15:59:59.999Z' }), // 23:59:59 on 31 March in Shanghai
      report({ createdAt: '2026-03-31T16:30:00.000Z' }), // 00:30 on 1 April in Shanghai
    ];
    // Act
    const both = feedbackFigures({
      communityId: 'c',
      from: '2026-03',
      to: '2026-04',
      months: packedOf(records),
      grids,
      now: NOW,
    });
    const april = feedbackFigures({
      communityId: 'c',
      from: '2026-04',
      to: '2026-04',
      months: packedOf(records),
      grids,
      now: NOW,
    });
    // Assess
    expect(both.byMonth.map((m) => [m.month, m.received])).toEqual([
      ['2026-03', 1],
      ['2026-04', 1],
    ]);
    expect(april.totals.received).toBe(1);
    expect(april.byMonth).toHaveLength(1);
  });

  it('lists every month of the range, empty ones with zeros, across a year end', () => {
    const stats = feedbackFigures({
      communityId: 'c',
      from: '2025-11',
      to: '2026-02',
      months: packedOf([report({ createdAt: '2025-12-31T16:00:00.000Z' })]), // 1 January 2026 in Shanghai
      grids,
      now: NOW,
    });
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(stats.byMonth.map((m) => [m.month, m.received, m.rectificationRate])).toEqual([
      ['2025-11', 0, null],
      ['2025-12', 0, null],
      ['2026-01', 1, 0],
      ['2026-02', 0, null],
    ]);
  });

  it('slices by category (most received first, label from the report) and by every grid of the community', () => {
    // Prepare
    const records = [
      report({ category: 'parking', categoryLabel: '停车' }),
      fixed('2026-04-05T00:00:00.000Z', 1, 2, { category: 'noise', categoryLabel: '噪音' }),
      report({ category: 'noise', categoryLabel: '噪音扰民', gridId: null }),
      report({ category: 'noise', categoryLabel: '噪音扰民', gridId: 'gone' }),
    ];
    // Act
    const stats = feedbackFigures({
      communityId: 'c',
      from: '2026-04',
      to: '2026-04',
      months: packedOf(records),
      grids,
      now: NOW,
    });
    // Assess
    expect(stats.byCategory.map((c) => [c.category, c.label, c.received, c.resolved])).toEqual([
      ['noise', '噪音扰民', 3, 1],
      ['parking', '停车', 1, 0],
    ]);
    expect(stats.byGrid.map((g) => [g.gridId, g.name, g.received])).toEqual([
      ['g1', '第一网格', 2],
      ['g2', '第二网格', 0],
      ['', '未分网格', 1],
      ['gone', 'gone', 1],
    ]);
    expect(stats.totals.received).toBe(4);
  });
});

describe('the units it was dispatched to (部门报到)', () => {
  it('measures each unit as a grid is, by its account or, without one, by its name; reports of no unit are not counted', () => {
    const water = { kind: 'unit' as const, unitId: 'water', name: '水务集团' };
    const records = [
      fixed('2026-04-05T00:00:00.000Z', 1, 2, { assignee: water }),
      report({ status: 'dispatched', assignee: water }),
      report({ status: 'dispatched', assignee: { kind: 'unit', name: '区教育局' } }),
      report({ status: 'dispatched', assignee: { kind: 'property', name: '物业' } }),
    ];
    const stats = feedbackFigures({
      communityId: 'c',
      from: '2026-04',
      to: '2026-04',
      months: packedOf(records),
      grids: [],
      now: NOW,
    });
    expect(stats.byUnit.map((u) => [u.unitId, u.name, u.received, u.resolved])).toEqual([
      ['water', '水务集团', 2, 1],
      [null, '区教育局', 1, 0],
    ]);
    expect(figuresCsv(stats).csv).toContain('单位,水务集团,2,');
  });
});

describe('the CSV download', () => {
  it('quotes commas, quotes and line breaks the RFC 4180 way, with CRLF line ends', () => {
    const csv = toCsv([
      ['a,b', 'say "hi"', 'two\nlines', 'plain'],
      [1, 2.5, null, ''],
    ]);
    expect(csv).toBe('"a,b","say ""hi""","two\nlines",plain\r\n1,2.5,,\r\n');
  });

  it('keeps cells that a spreadsheet would run as formulas as text', () => {
    const csv = toCsv([['=HYPERLINK("http://x")', '+86 138', '-1+1', '@SUM(A1)', 'a=b', '\t=1']]);
    expect(csv).toBe(`"'=HYPERLINK(""http://x"")",'+86 138,'-1+1,'@SUM(A1),a=b,'\t=1\r\n`);
  });

  it('shows rates as percentages with at most one decimal', () => {
    expect(percent(0.875)).toBe('87.5%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.6667)).toBe('66.7%');
    expect(percent(0)).toBe('0%');
    expect(percent(null)).toBe('');
  });

  it('has a Chinese header and one row per slice', () => {
    // Prepare
    const stats = feedbackFigures({
      communityId: 'fengqiao',
      from: '2026-03',
      to: '2026-04',
      months: packedOf([
        fixed('2026-04-05T00:00:00.000Z', 1, 2, { status: 'closed', rating: { score: 5, comment: '' } }),
        report({ category: 'parking', categoryLabel: '停车' }),
      ]),
      grids: [{ gridId: 'g1', name: '第一网格' }],
      now: NOW,
    });
    // Act
    const file = figuresCsv(stats);
    const lines = file.csv.trimEnd().split('\r\n');
    // Assess
    expect(file.filename).toBe('意见箱统计-fengqiao-2026-03-2026-04.csv');
    expect(lines[0]).toBe(FIGURES_CSV_HEADER.join(','));
    // Received (收到), accepted (受理) and resolved (办结) are three columns, named as such.
    // Satisfaction apart by who rated, and the automatic closes, after the original columns.
    expect(lines[0]).toBe(
      '分组,名称,收到数,受理数,办结数,整改率,按时办结率,办结用时中位数(小时),满意度,当前超时,居民评价数,居民评价均分,回访评价数,回访评价均分,自动确认数',
    );
    expect(lines.slice(1)).toEqual([
      '合计,全部,2,1,1,50%,100%,1,5,0,1,5,0,,0',
      '类别,噪音,1,1,1,100%,100%,1,5,0,1,5,0,,0',
      '类别,停车,1,0,0,0%,,,,0,0,,0,,0',
      '网格,第一网格,2,1,1,50%,100%,1,5,0,1,5,0,,0',
      '月份,2026-03,0,0,0,,,,,0,0,,0,,0',
      '月份,2026-04,2,1,1,50%,100%,1,5,0,1,5,0,,0',
    ]);
  });
});

describe('the demand list', () => {
  const community = {
    estates: [{ estateId: 'fqx', name: '枫桥新村' }],
    buildings: [
      { buildingId: 'fqx-b1', estateId: 'fqx', gridId: 'g1', name: '1幢', units: 2 },
      { buildingId: 'fqx-b2', estateId: 'fqx', gridId: 'g1', name: '2幢', units: 2 },
    ],
  };
  const demand = (over: Partial<FigureRecord> & { building?: string | null }): FigureRecord => {
    const { building = 'fqx-b2', ...rest } = over;
    return report({
      status: 'closed',
      createdAt: '2026-04-01T00:00:00.000Z',
      category: 'noise',
      categoryLabel: '噪音',
      location: { estateId: 'fqx', buildingId: building, unit: null, detail: '', address: '枫桥新村 2幢' },
      ...rest,
    });
  };

  it('finds category × building pairs reported at least minCount times, withdrawn ones not counted, most first', () => {
    // Prepare
    const records = [
      demand({ category: 'noise' }),
      demand({ category: 'noise', createdAt: '2026-04-03T00:00:00.000Z' }),
      demand({ category: 'noise', status: 'withdrawn', createdAt: '2026-04-09T00:00:00.000Z' }),
      demand({ category: 'parking', categoryLabel: '停车', status: 'accepted' }),
      demand({ category: 'parking', categoryLabel: '停车', status: 'submitted' }),
      demand({ category: 'parking', categoryLabel: '停车', createdAt: '2026-04-02T00:00:00.000Z' }),
      demand({ category: 'pets', categoryLabel: '宠物', building: 'fqx-b1' }),
      demand({ category: 'pets', categoryLabel: '宠物', building: 'fqx-b2' }),
      demand({ category: 'sanitation', categoryLabel: '环境卫生', building: null }),
      demand({ category: 'sanitation', categoryLabel: '环境卫生', building: null }),
    ];
    // Act
    const since = '2026-03-01T00:00:00.000Z';
    const items = demandItems(monthsOf(records), community, since, 2);
    const three = demandItems(monthsOf(records), community, since, 3);
    // The window counts reports by when they arrived, to the millisecond.
    const later = demandItems(monthsOf(records), community, '2026-04-01T00:00:00.001Z', 1);
    // Assess
    expect(items).toEqual([
      {
        category: 'parking',
        categoryLabel: '停车',
        buildingId: 'fqx-b2',
        place: '枫桥新村 2幢',
        count: 3,
        open: 2,
        lastReportedAt: '2026-04-02T00:00:00.000Z',
      },
      {
        category: 'noise',
        categoryLabel: '噪音',
        buildingId: 'fqx-b2',
        place: '枫桥新村 2幢',
        count: 2,
        open: 0,
        lastReportedAt: '2026-04-03T00:00:00.000Z',
      },
    ]);
    expect(three.map((i) => i.category)).toEqual(['parking']);
    expect(later.map((i) => [i.category, i.count, i.open])).toEqual([
      ['noise', 1, 0],
      ['parking', 1, 0],
    ]);
  });
});
