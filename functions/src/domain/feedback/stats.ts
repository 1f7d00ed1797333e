/**
 * The figures leaders read: counts, rectification and on-time rates, time to
 * resolve and satisfaction, in total and by category, grid, unit and Shanghai
 * month. They are folded from the community's roll-ups (one key query for a
 * year), which the stream consumer keeps by the definitions of
 * `rollups/contributions.ts`; the definitions of the rates live here.
 */
import { type CsvFile, type FeedbackStats, type Figures, NotFoundError } from '@linli/shared';
import {
  type Counters,
  type PackedSlot,
  type RollupRecord,
  type RollupsRepository,
  type Sections,
  sectionOf,
  sumInto,
  sumPacked,
} from '../../data/rollups.js';
import { type CsvCell, percent, toCsv } from './csv.js';
import type { FeedbackDeps } from './deps.js';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number, digits = 4) => (whole > 0 ? round(part / whole, digits) : null);

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The median of a histogram of tenths of hours (`h_125`: 12.5 h), as `median` gives it of the values. */
export function medianOfBuckets(counters: Counters): number | null {
  const buckets: number[] = [];
  let total = 0;
  for (const name in counters) {
    const count = counters[name] as number;
    if (count <= 0 || name.charCodeAt(0) !== 104 /* h */ || name.charCodeAt(1) !== 95 /* _ */) continue;
    const tenths = bucketTenths(name);
    if (tenths < 0) continue;
    buckets.push(tenths, count);
    total += count;
  }
  // Pairs of (tenths, count), sorted by tenths: insertion sort, as a histogram has a few dozen buckets.
  for (let i = 2; i < buckets.length; i += 2) {
    const tenths = buckets[i] as number;
    const count = buckets[i + 1] as number;
    let j = i - 2;
    for (; j >= 0 && (buckets[j] as number) > tenths; j -= 2) {
      buckets[j + 2] = buckets[j] as number;
      buckets[j + 3] = buckets[j + 1] as number;
    }
    buckets[j + 2] = tenths;
    buckets[j + 3] = count;
  }
  return medianOfPairs(buckets, total);
}

/** The median of a histogram given as (tenths, count) pairs sorted by tenths, `total` the counts' sum. */
export function medianOfPairs(buckets: readonly number[], total: number): number | null {
  if (!total) return null;
  const middle =
    total % 2 ? hoursAt(buckets, (total - 1) / 2) : (hoursAt(buckets, total / 2 - 1) + hoursAt(buckets, total / 2)) / 2;
  return round(middle, 1);
}

/** The hours of the value at `index` (from 0) in a sorted histogram of tenths. */
function hoursAt(buckets: readonly number[], index: number): number {
  let seen = 0;
  for (let i = 0; i < buckets.length; i += 2) {
    seen += buckets[i + 1] as number;
    if (seen > index) return (buckets[i] as number) / 10;
  }
  return (buckets[buckets.length - 2] as number) / 10;
}

/** Bucket names seen (`h_…`), each with its tenths of hours (`h_125`: 125), or -1 when it is no bucket. */
const TENTHS = new Map<string, number>();

export function bucketTenths(name: string): number {
  let tenths = TENTHS.get(name);
  if (tenths === undefined) {
    const value = Number(name.slice(2));
    tenths = Number.isInteger(value) && value >= 0 ? value : -1;
    // Bucket names come from the contributions' own histogram, so this stays a few dozen entries.
    if (TENTHS.size < 10_000) TENTHS.set(name, tenths);
  }
  return tenths;
}

/**
 * The figures of a set of reports from their counters (`rollups/contributions.ts` counts each report):
 * - received (收到): every report; accepted (受理): those with an acceptedAt (later refused ones too);
 *   resolved (办结): status resolved or closed;
 * - rectificationRate: resolved ÷ (received − withdrawn − rejected), null when that is 0;
 * - onTimeRate: resolved with resolvedAt ≤ resolveBy ÷ resolved with a resolveBy;
 * - medianHoursToResolve: median of resolvedAt − createdAt, hours to 1 decimal (to the hour after a day);
 * - averageSatisfaction: mean rating of closed reports, 2 decimals;
 * - satisfaction apart by who gave it: ratedByResident (the reporter confirmed; closed before the closure
 *   was kept counts here), ratedAtFollowUp (staff entered the resident's rating at a 回访), each with its
 *   mean; autoConfirmed: closed by the system, never rated;
 * - overdueNow: still open and marked overdue by the deadline sweep.
 */
export function figuresOfCounters(c: Counters): Figures {
  const received = c.received ?? 0;
  const resolved = c.resolved ?? 0;
  const ratedResident = c.ratedResident ?? 0;
  const ratedFollowUp = c.ratedFollowUp ?? 0;
  return {
    received,
    accepted: c.accepted ?? 0,
    resolved,
    rectificationRate: ratio(resolved, received - (c.dropped ?? 0)),
    onTimeRate: ratio(c.onTime ?? 0, c.withDeadline ?? 0),
    medianHoursToResolve: medianOfBuckets(c),
    averageSatisfaction: ratio(c.ratingSum ?? 0, c.rated ?? 0, 2),
    ratedByResident: ratedResident,
    averageResidentRating: ratio(c.ratingSumResident ?? 0, ratedResident, 2),
    ratedAtFollowUp: ratedFollowUp,
    averageFollowUpRating: ratio(c.ratingSumFollowUp ?? 0, ratedFollowUp, 2),
    autoConfirmed: c.autoConfirmed ?? 0,
    overdueNow: c.overdueOpen ?? 0,
  };
}

/** Every month `YYYY-MM` from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let month = from; month <= to; month = `${y}-${String(m).padStart(2, '0')}`) {
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/** The sections of several roll-ups added together. */
export function sumSections(records: readonly Pick<RollupRecord, 'sections'>[]): Sections {
  return records.reduce<Sections>((all, r) => sumInto(all, r.sections), {});
}

/** The dimension sections under `prefix` (`feedback.grid.`): their keys and counters. */
export function dimensions(sections: Sections, prefix: string): [string, Counters][] {
  return Object.entries(sections)
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, counters]) => [name.slice(prefix.length), counters]);
}

export interface FiguresInput {
  communityId: string;
  /** Shanghai months `YYYY-MM`, both included. */
  from: string;
  to: string;
  /** The community's roll-ups of those months, packed. */
  months: readonly PackedSlot[];
  /** The community's grids, in the order it lists them. */
  grids: readonly { gridId: string; name: string }[];
  now: Date;
}

const NO_GRID = { gridId: '', name: '未分网格' };

/** The figures of a period: totals, then by category (most received first), by grid, by unit and by every month. */
export function feedbackFigures(input: FiguresInput): FeedbackStats {
  const { from, to, now } = input;
  const months = input.months.filter((r) => r.slot >= from && r.slot <= to);
  const all = sumPacked(months, 'feedback');
  const labels = Object.assign({}, ...months.map((r) => r.packed.labels)) as Record<string, string>;
  const received = (c: Counters) => c.received ?? 0;

  const byCategory = dimensions(all, 'feedback.cat.')
    .map(([category, c]) => ({
      category,
      label: labels[`feedback.cat.${category}`] ?? category,
      ...figuresOfCounters(c),
    }))
    .sort((a, b) => b.received - a.received || a.category.localeCompare(b.category));

  const byGridId = new Map(dimensions(all, 'feedback.grid.'));
  const known = new Set(input.grids.map((g) => g.gridId));
  const grids = [
    ...input.grids,
    ...[...byGridId.keys()].filter((id) => !known.has(id)).map((id) => (id ? { gridId: id, name: id } : NO_GRID)),
  ];
  // Reports a unit holds now, by the unit (its id, or its name when it has no account), named as it was sent.
  const byUnit = dimensions(all, 'feedback.unit.')
    .filter(([, c]) => received(c) > 0)
    .map(([key, c]) => ({
      unitId: key.startsWith('id:') ? key.slice(3) : null,
      name: labels[`feedback.unit.${key}`] ?? key.replace(/^(id|name):/, ''),
      ...figuresOfCounters(c),
    }))
    .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name));
  const monthOf = new Map(months.map((r) => [r.slot, sectionOf(r.packed, 'feedback')]));

  return {
    communityId: input.communityId,
    from,
    to,
    generatedAt: now.toISOString(),
    totals: figuresOfCounters(all.feedback ?? {}),
    byCategory: byCategory.filter((c) => c.received > 0),
    byGrid: grids.map((g) => ({ gridId: g.gridId, name: g.name, ...figuresOfCounters(byGridId.get(g.gridId) ?? {}) })),
    byUnit,
    byMonth: monthsBetween(from, to).map((m) => ({ month: m, ...figuresOfCounters(monthOf.get(m) ?? {}) })),
  };
}

type StatsDeps = Pick<FeedbackDeps, 'communities' | 'now'> & { rollups: Pick<RollupsRepository, 'packedMonths'> };

/** The figures of the reports a community received in Shanghai months `from`–`to`: two reads, whatever its age. */
export async function feedbackStats(
  deps: StatsDeps,
  communityId: string,
  from: string,
  to: string,
): Promise<FeedbackStats> {
  const [community, months] = await Promise.all([
    deps.communities.get(communityId),
    deps.rollups.packedMonths('community', communityId, from, to),
  ]);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  return feedbackFigures({ communityId, from, to, months, grids: community.grids, now: deps.now() });
}

export const FIGURES_CSV_HEADER = [
  '分组',
  '名称',
  '收到数',
  '受理数',
  '办结数',
  '整改率',
  '按时办结率',
  '办结用时中位数(小时)',
  '满意度',
  '当前超时',
  '居民评价数',
  '居民评价均分',
  '回访评价数',
  '回访评价均分',
  '自动确认数',
] as const;

const figureCells = (f: Figures): CsvCell[] => [
  f.received,
  f.accepted,
  f.resolved,
  percent(f.rectificationRate),
  percent(f.onTimeRate),
  f.medianHoursToResolve,
  f.averageSatisfaction,
  f.overdueNow,
  f.ratedByResident,
  f.averageResidentRating,
  f.ratedAtFollowUp,
  f.averageFollowUpRating,
  f.autoConfirmed,
];

/** One row per slice, for a spreadsheet. */
export function figuresCsv(stats: FeedbackStats): CsvFile {
  const rows: CsvCell[][] = [
    [...FIGURES_CSV_HEADER],
    ['合计', '全部', ...figureCells(stats.totals)],
    ...stats.byCategory.map((c) => ['类别', c.label, ...figureCells(c)]),
    ...stats.byGrid.map((g) => ['网格', g.name, ...figureCells(g)]),
    ...stats.byUnit.map((u) => ['单位', u.name, ...figureCells(u)]),
    ...stats.byMonth.map((m) => ['月份', m.month, ...figureCells(m)]),
  ];
  return { filename: `意见箱统计-${stats.communityId}-${stats.from}-${stats.to}.csv`, csv: toCsv(rows) };
}
