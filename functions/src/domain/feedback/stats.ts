/**
 * The figures leaders read: counts, rectification and on-time rates, time to
 * resolve and satisfaction, in total and by category, grid and Shanghai month.
 * The definitions live in the pure functions here; the use case only loads.
 */
import {
  type CsvFile,
  type FeedbackStats,
  type Figures,
  isOpen,
  NotFoundError,
  shanghaiMonth,
  shanghaiMonthRange,
} from '@linli/shared';
import type { ReportRecord } from '../../data/feedback.js';
import { type CsvCell, percent, toCsv } from './csv.js';
import type { FeedbackDeps } from './deps.js';

/** What the figures look at of a report. */
export type FigureRecord = Pick<
  ReportRecord,
  | 'status'
  | 'createdAt'
  | 'acceptBy'
  | 'acceptedAt'
  | 'resolvedAt'
  | 'resolveBy'
  | 'rating'
  | 'closure'
  | 'overdue'
  | 'category'
  | 'categoryLabel'
  | 'gridId'
  | 'assignee'
>;

const HOUR_MS = 3_600_000;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The figures of a set of reports, all received in the period asked about:
 * - received (收到): every report; accepted (受理): those with an acceptedAt (later refused
 *   ones too); resolved (办结): status resolved or closed;
 * - rectificationRate: resolved ÷ (received − withdrawn − rejected), null when that is 0;
 * - onTimeRate: resolved with resolvedAt ≤ resolveBy ÷ resolved with a resolveBy;
 * - medianHoursToResolve: median of resolvedAt − createdAt, hours to 1 decimal;
 * - averageSatisfaction: mean rating of closed reports, 2 decimals;
 * - satisfaction apart by who gave it: ratedByResident (the reporter confirmed; closed before
 *   the closure was kept counts here), ratedAtFollowUp (staff entered the resident's rating at a
 *   回访), each with its mean rating; autoConfirmed: closed by the system, never rated;
 * - overdueNow: still open at `now` and past resolveBy, still unaccepted past acceptBy,
 *   or marked overdue by the sweep.
 */
export function figuresOf(records: readonly FigureRecord[], now: Date): Figures {
  const resolved = records.filter((r) => r.status === 'resolved' || r.status === 'closed');
  const dropped = records.filter((r) => r.status === 'withdrawn' || r.status === 'rejected').length;
  const withDeadline = resolved.filter((r) => r.resolveBy !== null && r.resolvedAt !== null);
  const onTime = withDeadline.filter((r) => Date.parse(r.resolvedAt as string) <= Date.parse(r.resolveBy as string));
  const hours = resolved
    .filter((r) => r.resolvedAt !== null)
    .map((r) => (Date.parse(r.resolvedAt as string) - Date.parse(r.createdAt)) / HOUR_MS);
  const closed = records.filter((r) => r.status === 'closed');
  const scoresOf = (list: readonly FigureRecord[]) =>
    list.filter((r) => r.rating).map((r) => r.rating?.score as number);
  const mean = (values: readonly number[]) =>
    values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 2) : null;
  const scores = scoresOf(closed);
  const byResident = scoresOf(closed.filter((r) => (r.closure ?? 'resident') === 'resident'));
  const atFollowUp = scoresOf(closed.filter((r) => r.closure === 'follow_up'));
  const middle = median(hours);
  const past = (iso: string | null | undefined) => !!iso && Date.parse(iso) < now.getTime();
  return {
    received: records.length,
    accepted: records.filter((r) => r.acceptedAt !== null).length,
    resolved: resolved.length,
    rectificationRate: ratio(resolved.length, records.length - dropped),
    onTimeRate: ratio(onTime.length, withDeadline.length),
    medianHoursToResolve: middle === null ? null : round(middle, 1),
    averageSatisfaction: mean(scores),
    ratedByResident: byResident.length,
    averageResidentRating: mean(byResident),
    ratedAtFollowUp: atFollowUp.length,
    averageFollowUpRating: mean(atFollowUp),
    autoConfirmed: closed.filter((r) => r.closure === 'auto').length,
    overdueNow: records.filter(
      (r) => isOpen(r.status) && (r.overdue || past(r.resolveBy) || (r.status === 'submitted' && past(r.acceptBy))),
    ).length,
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

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

export interface FiguresInput {
  communityId: string;
  /** Shanghai months `YYYY-MM`, both included. */
  from: string;
  to: string;
  records: readonly FigureRecord[];
  /** The community's grids, in the order it lists them. */
  grids: readonly { gridId: string; name: string }[];
  now: Date;
}

const NO_GRID = { gridId: '', name: '未分网格' };

/** The figures of a period: totals, then by category (most received first), by grid and by every month. */
export function feedbackFigures(input: FiguresInput): FeedbackStats {
  const { from, to, now } = input;
  // Months are Shanghai months: 2026-03-31T16:30Z is already April.
  const month = (r: FigureRecord) => shanghaiMonth(new Date(r.createdAt));
  const records = input.records.filter((r) => month(r) >= from && month(r) <= to);

  const byCategory = [...groupBy(records, (r) => r.category)]
    .map(([category, group]) => ({
      category,
      label: (group.at(-1) as FigureRecord).categoryLabel,
      ...figuresOf(group, now),
    }))
    .sort((a, b) => b.received - a.received || a.category.localeCompare(b.category));

  const byGridId = groupBy(records, (r) => r.gridId ?? '');
  const known = new Set(input.grids.map((g) => g.gridId));
  const grids = [
    ...input.grids,
    ...[...byGridId.keys()].filter((id) => !known.has(id)).map((id) => (id ? { gridId: id, name: id } : NO_GRID)),
  ];
  const byMonth = groupBy(records, month);
  // Reports a unit holds now, by the unit (its id, or its name when it has no account), named as it was sent.
  const toUnits = records.filter((r) => r.assignee?.kind === 'unit');
  const unitOf = (r: FigureRecord) => (r.assignee?.kind === 'unit' ? (r.assignee.unitId ?? r.assignee.name) : '');
  const byUnit = [...groupBy(toUnits, unitOf)]
    .map(([key, group]) => {
      const a = group[0]?.assignee;
      const unit = a?.kind === 'unit' ? a : undefined;
      return { unitId: unit?.unitId ?? null, name: unit?.name ?? key, ...figuresOf(group, now) };
    })
    .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name));

  return {
    communityId: input.communityId,
    from,
    to,
    generatedAt: now.toISOString(),
    totals: figuresOf(records, now),
    byCategory,
    byGrid: grids.map((g) => ({ gridId: g.gridId, name: g.name, ...figuresOf(byGridId.get(g.gridId) ?? [], now) })),
    byUnit,
    byMonth: monthsBetween(from, to).map((m) => ({ month: m, ...figuresOf(byMonth.get(m) ?? [], now) })),
  };
}

type StatsDeps = Pick<FeedbackDeps, 'feedback' | 'communities' | 'now'>;

/** The figures of the reports a community received in Shanghai months `from`–`to`. */
export async function feedbackStats(
  deps: StatsDeps,
  communityId: string,
  from: string,
  to: string,
): Promise<FeedbackStats> {
  const community = await deps.communities.get(communityId);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const records = await deps.feedback.listReceived(
    communityId,
    shanghaiMonthRange(from).from.toISOString(),
    shanghaiMonthRange(to).to.toISOString(),
  );
  return feedbackFigures({ communityId, from, to, records, grids: community.grids, now: deps.now() });
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
