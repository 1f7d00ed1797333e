/**
 * Sort quality: the flag an operator adds to a weigh-in, and the figure per
 * building that admins read. The counters are grown by the weigh-in's own
 * transaction (`data/points/sort-quality.ts`); the figure is one key query of
 * them. It names buildings only, never a resident, a room or a code.
 */
import {
  type Building,
  type CsvFile,
  NotFoundError,
  SORT_ISSUE_LABELS,
  SORT_ISSUES,
  type SortFlag,
  type SortIssue,
  type SortQuality,
  type SortQualityCounts,
  shanghaiMonth,
} from '@linli/shared';
import type { HeldCreditRecord } from '../../data/points/held.js';
import type { LedgerRecord } from '../../data/points/ledger.js';
import { NO_BUILDING_KEY, type SortQualityRecord, shardOf } from '../../data/points/sort-quality.js';
import { type CsvCell, percent, toCsv } from '../feedback/csv.js';
import type { PointsStaffDeps } from './staff-deps.js';

/** The flag as kept with the weigh-in: issues in the list's order, an empty note left out; none when absent. */
export function keptSortFlag(flag: SortFlag | undefined): { issues: SortIssue[]; note?: string } | undefined {
  if (!flag || flag.issues.length === 0) return undefined;
  const issues = SORT_ISSUES.filter((issue) => flag.issues.includes(issue));
  const note = flag.note?.trim();
  return note ? { issues, note } : { issues };
}

/** What the receipt says was noted (the issues in words; the note is not repeated). */
export function notedSortFlag(flag: { issues: readonly SortIssue[] } | undefined) {
  if (!flag) return {};
  return { sortFlag: { issues: [...flag.issues], labels: flag.issues.map((i) => SORT_ISSUE_LABELS[i]) } };
}

/** Flagged ÷ weighed, to four decimals; null when nothing was weighed. */
export function flagRate(flagged: number, weighed: number): number | null {
  return weighed > 0 ? Math.round((flagged / weighed) * 10_000) / 10_000 : null;
}

const NO_BUILDING_NAME = '未登记楼栋';

function figures(c: SortQualityCounts) {
  return {
    weighed: c.weighed,
    flagged: c.flagged,
    flagRate: flagRate(c.flagged, c.weighed),
    issues: SORT_ISSUES.map((issue) => ({ issue, label: SORT_ISSUE_LABELS[issue], count: c.issues[issue] ?? 0 })),
  };
}

function add(into: SortQualityCounts, c: SortQualityCounts) {
  into.weighed += c.weighed;
  into.flagged += c.flagged;
  for (const issue of SORT_ISSUES) {
    const n = c.issues[issue];
    if (n) into.issues[issue] = (into.issues[issue] ?? 0) + n;
  }
}

const empty = (): SortQualityCounts => ({ weighed: 0, flagged: 0, issues: {} });

export interface SortQualityInput {
  communityId: string;
  from: string;
  to: string;
  /** Counter items (shards, months) with their building ('' for none). */
  counters: readonly (SortQualityCounts & { buildingId: string })[];
  buildings: readonly Pick<Building, 'buildingId' | 'name'>[];
  now: Date;
}

/**
 * Per building over the months: every shard and month added up; buildings
 * with weigh-ins only, the highest flag rate first (then most flagged, then
 * the community's order of buildings).
 */
export function sortQualityFigures(input: SortQualityInput): SortQuality {
  const total = empty();
  const perBuilding = new Map<string, SortQualityCounts>();
  for (const c of input.counters) {
    add(total, c);
    const into = perBuilding.get(c.buildingId) ?? empty();
    add(into, c);
    perBuilding.set(c.buildingId, into);
  }
  const order = new Map(input.buildings.map((b, i) => [b.buildingId, i]));
  const names = new Map(input.buildings.map((b) => [b.buildingId, b.name]));
  const rows = [...perBuilding]
    .filter(([, c]) => c.weighed > 0)
    .map(([buildingId, c]) => ({
      buildingId,
      name: buildingId ? (names.get(buildingId) ?? buildingId) : NO_BUILDING_NAME,
      ...figures(c),
    }))
    .sort(
      (a, b) =>
        (b.flagRate ?? 0) - (a.flagRate ?? 0) ||
        b.flagged - a.flagged ||
        (order.get(a.buildingId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.buildingId) ?? Number.MAX_SAFE_INTEGER) ||
        a.buildingId.localeCompare(b.buildingId),
    );
  return {
    communityId: input.communityId,
    from: input.from,
    to: input.to,
    generatedAt: input.now.toISOString(),
    total: figures(total),
    byBuilding: rows,
  };
}

/** The figure of Shanghai months `from`–`to`: one key query of the community's counters. */
export async function sortQualityStats(
  deps: PointsStaffDeps,
  communityId: string,
  { from, to }: { from: string; to: string },
): Promise<SortQuality> {
  const [community, counters] = await Promise.all([
    deps.communities.shown(communityId),
    deps.points.sortQualityOf(communityId, from, to),
  ]);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  // Estates number their buildings alike (春晖苑 1幢, 翠竹园 1幢): the estate goes with the name.
  const estates = new Map(community.estates.map((e) => [e.estateId, e.name]));
  const buildings = community.buildings.map((b) => ({
    buildingId: b.buildingId,
    name: `${estates.get(b.estateId) ?? ''} ${b.name}`.trim(),
  }));
  return sortQualityFigures({ communityId, from, to, counters, buildings, now: deps.now() });
}

/** A ledger entry as the rebuild reads it. */
export type CountedEntry = Pick<LedgerRecord, 'entryId' | 'userId' | 'type' | 'month'> &
  Partial<Pick<LedgerRecord, 'buildingId' | 'sortFlag'>>;
/** A held weigh-in as the rebuild reads it. */
export type CountedHeld = Pick<HeldCreditRecord, 'creditId' | 'userId' | 'at' | 'buildingId' | 'sortFlag'>;

/**
 * The sort-quality counters a community's weigh-ins make, as their own
 * transactions grew them: a credit in its entry's month and building; a
 * weigh-in held for an admin when it was held, in the building it was held
 * for, whatever was decided (its approval's entry is the same weigh-in, not a
 * second). A weigh-in held before holds kept their building counts in the
 * building of its approval, or in none. Pure: the rebuild writes what this gives.
 */
export function sortQualityRebuilt(
  communityId: string,
  entries: readonly CountedEntry[],
  held: readonly CountedHeld[],
): SortQualityRecord[] {
  const heldIds = new Set(held.map((h) => h.creditId));
  const approvedIn = new Map(entries.map((e) => [e.entryId, e.buildingId ?? null]));
  const weighIns = [
    ...entries
      .filter((e) => e.type === 'earn_recycling' && !heldIds.has(e.entryId))
      .map((e) => ({ userId: e.userId, month: e.month, buildingId: e.buildingId ?? null, flag: e.sortFlag })),
    ...held.map((h) => ({
      userId: h.userId,
      month: shanghaiMonth(new Date(h.at)),
      buildingId: h.buildingId === undefined ? (approvedIn.get(h.creditId) ?? null) : h.buildingId,
      flag: h.sortFlag,
    })),
  ];
  const counters = new Map<string, SortQualityRecord>();
  for (const w of weighIns) {
    const buildingId = w.buildingId || NO_BUILDING_KEY;
    const shard = shardOf(w.userId);
    const key = `${w.month}#${buildingId}#${shard}`;
    const c = counters.get(key) ?? { communityId, month: w.month, buildingId, shard, weighed: 0 };
    c.weighed += 1;
    const issues = w.flag?.issues ?? [];
    if (issues.length) c.flagged = (c.flagged ?? 0) + 1;
    for (const issue of issues) c[`issue_${issue}`] = (c[`issue_${issue}`] ?? 0) + 1;
    counters.set(key, c);
  }
  return [...counters.values()];
}

export const SORT_QUALITY_CSV_HEADER = [
  '楼栋',
  '称重次数',
  '不合格次数',
  '不合格率',
  ...SORT_ISSUES.map((i) => SORT_ISSUE_LABELS[i]),
];

/** One building a row, then the total; the rates as percentages. */
export function sortQualityCsv(figure: SortQuality): CsvFile {
  const row = (name: string, f: SortQuality['total']): CsvCell[] => [
    name,
    f.weighed,
    f.flagged,
    percent(f.flagRate),
    ...f.issues.map((i) => i.count),
  ];
  const rows: CsvCell[][] = [
    [...SORT_QUALITY_CSV_HEADER],
    ...figure.byBuilding.map((b) => row(b.name, b)),
    row('合计', figure.total),
  ];
  return { filename: `分类质量-${figure.communityId}-${figure.from}-${figure.to}.csv`, csv: toCsv(rows) };
}
