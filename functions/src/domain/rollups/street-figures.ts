/**
 * 街道工作台: the street's communities compared over a range of months and
 * month by month, folded from the street's roll-ups (one key query of a year
 * an item, its homes now beside them, whatever the street's age and size). The definitions
 * match the community figures' (`feedback/stats.ts`, `points/figures.ts`).
 */
import {
  type CommunityFigures,
  type CsvFile,
  defaultCommunitySettings,
  NotFoundError,
  type StreetFigures,
} from '@linli/shared';
import { type Counters, NOW_SLOT, type Packed, type RollupsRepository, streetSlot } from '../../data/rollups.js';
import type { StreetRecord, StreetsRepository } from '../../data/streets.js';
import { type CsvCell, toCsv } from '../feedback/csv.js';
import { bucketTenths, medianOfPairs, monthsBetween } from '../feedback/stats.js';

export interface StreetFiguresDeps {
  streets: Pick<StreetsRepository, 'get'>;
  rollups: Pick<RollupsRepository, 'packedSince'>;
  now: () => Date;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number, digits = 4) => (whole > 0 ? round(part / whole, digits) : null);

/** Material labels: the default list's (a community's own materials show by their id). */
const LABELS = new Map(defaultCommunitySettings().pointsRules.materials.map((m) => [m.material, m.label]));

type Slice = Record<'feedback' | 'points' | 'bulletins', Counters>;

const PARTS = ['feedback', 'points', 'bulletins', 'homes'] as const;
type Part = (typeof PARTS)[number];

/**
 * Each community's months and its homes now as rows of one table, a column per counter: folded straight
 * from the packed roll-ups (one typed-array walk, no object per counter). A row is `{slot}/{communityId}`;
 * `seen` tells a counter that is there at zero from one that is not.
 */
interface Rows {
  width: number;
  columns: { part: Part; name: string }[];
  row: Map<string, number>;
  data: Float64Array;
  seen: Uint8Array;
}

/** Where the figures find their counters in a table's rows: named columns, materials and buckets in order. */
interface Layout {
  named: Record<string, number>;
  grams: { column: number; material: string; label: string }[];
  buckets: { column: number; tenths: number }[];
}

const NAMED: Record<Exclude<Part, 'homes'>, readonly string[]> = {
  feedback: ['received', 'resolved', 'dropped', 'onTime', 'withDeadline', 'ratingSum', 'rated', 'escalated'],
  points: ['participating', 'issuedRecycling', 'issuedVolunteer', 'redeemed'],
  bulletins: ['notices', 'wideNotices', 'wideReads'],
};

function layoutOf(columns: Rows['columns']): Layout {
  const named: Record<string, number> = {};
  for (const [part, names] of Object.entries(NAMED)) for (const name of names) named[`${part}.${name}`] = -1;
  const grams: Layout['grams'] = [];
  const buckets: Layout['buckets'] = [];
  columns.forEach(({ part, name }, column) => {
    const key = `${part}.${name}`;
    if (key in named) named[key] = column;
    if (part === 'points' && name.startsWith('g_')) {
      const material = name.slice(2);
      grams.push({ column, material, label: LABELS.get(material) ?? material });
    }
    if (part === 'feedback' && name.startsWith('h_')) {
      const tenths = bucketTenths(name);
      if (tenths >= 0) buckets.push({ column, tenths });
    }
  });
  grams.sort((x, y) => (x.material < y.material ? -1 : x.material > y.material ? 1 : 0));
  buckets.sort((x, y) => x.tenths - y.tenths);
  return { named, grams, buckets };
}

/** A row's counter in `column`, 0 when the table has no such column (-1). */
const cell = (data: Float64Array, at: number, column: number | undefined) =>
  column === undefined || column < 0 ? 0 : (data[at + column] as number);

/**
 * One community's figures from one row of counters (a month, or a range summed). Homes that weighed in
 * are counted per month; over several months (`months` > 1) the figure is their monthly average (月均参与户数).
 */
function figuresOfRow(
  community: { communityId: string; name: string },
  homes: number,
  layout: Layout,
  row: { data: Float64Array; seen: Uint8Array; at: number },
  months = 1,
): CommunityFigures {
  const { data, seen, at } = row;
  const n = layout.named;
  const participating = Math.round(cell(data, at, n['points.participating']) / months);
  const kgByMaterial: CommunityFigures['points']['kgByMaterial'] = [];
  let allGrams = 0;
  for (const g of layout.grams) {
    if (!seen[at + g.column]) continue;
    const grams = data[at + g.column] as number;
    kgByMaterial.push({ material: g.material, label: g.label, kg: round(grams / 1000, 3) });
    allGrams += grams;
  }
  // The buckets are in order of their tenths already: the median walks them once.
  const pairs: number[] = [];
  let timed = 0;
  for (const b of layout.buckets) {
    const count = data[at + b.column] as number;
    if (count <= 0) continue;
    pairs.push(b.tenths, count);
    timed += count;
  }
  const totalKg = round(allGrams / 1000, 3);
  const received = cell(data, at, n['feedback.received']);
  const resolved = cell(data, at, n['feedback.resolved']);
  return {
    communityId: community.communityId,
    name: community.name,
    households: homes,
    feedback: {
      received,
      resolved,
      rectificationRate: ratio(resolved, received - cell(data, at, n['feedback.dropped'])),
      onTimeRate: ratio(cell(data, at, n['feedback.onTime']), cell(data, at, n['feedback.withDeadline'])),
      medianHoursToResolve: medianOfPairs(pairs, timed),
      averageSatisfaction: ratio(cell(data, at, n['feedback.ratingSum']), cell(data, at, n['feedback.rated']), 2),
      escalated: cell(data, at, n['feedback.escalated']),
    },
    points: {
      kgByMaterial,
      totalKg,
      kgPerHousehold: ratio(totalKg, homes, 2),
      participatingHouseholds: participating,
      participationRate: ratio(participating, homes),
      issued: cell(data, at, n['points.issuedRecycling']) + cell(data, at, n['points.issuedVolunteer']),
      redeemed: cell(data, at, n['points.redeemed']),
    },
    bulletins: {
      importantNotices: cell(data, at, n['bulletins.notices']),
      readRate: ratio(cell(data, at, n['bulletins.wideReads']), cell(data, at, n['bulletins.wideNotices']) * homes),
    },
  };
}

/** One community's figures of a slice of months given as counters, as `figuresOfRow` gives them of a row. */
export function figuresOfSlice(
  community: { communityId: string; name: string },
  homes: number,
  s: Slice,
  months = 1,
): CommunityFigures {
  const columns = (['feedback', 'points', 'bulletins'] as const).flatMap((part) =>
    Object.keys(s[part]).map((name) => ({ part, name })),
  );
  const data = Float64Array.from(columns, (c) => s[c.part][c.name] as number);
  const seen = new Uint8Array(columns.length).fill(1);
  return figuresOfRow(community, homes, layoutOf(columns), { data, seen, at: 0 }, months);
}

/** The rows of a street's years (`2026-04/c1/points`), or of one community's own months (`points`). */
function rowsOf(slots: readonly { slot: string; packed: Packed }[], community?: string): Rows {
  const columnOf = new Map<string, number>();
  const columns: Rows['columns'] = [];
  const row = new Map<string, number>();
  // First the rows and columns: each slot's sections → rows, its counters (by part) → columns, found once.
  const placed = slots.map(({ slot, packed }) => {
    const { names, sections, index, offsets } = packed;
    const rowOf = new Int32Array(sections.length).fill(-1);
    const columnAt = new Int32Array(index.length);
    const remap = new Int32Array(names.length * PARTS.length).fill(-1);
    for (let s = 0; s < sections.length; s++) {
      const name = sections[s] as string;
      const last = community ? -1 : name.lastIndexOf('/');
      const part = community ? name : name.slice(last + 1);
      const p = (PARTS as readonly string[]).indexOf(part);
      if (p < 0) continue;
      const key = community ? `${slot}/${community}` : name.slice(0, last);
      let r = row.get(key);
      if (r === undefined) {
        r = row.size;
        row.set(key, r);
      }
      rowOf[s] = r;
      for (let e = offsets[s] as number; e < (offsets[s + 1] as number); e++) {
        const at = p * names.length + (index[e] as number);
        let c = remap[at] as number;
        if (c < 0) {
          const counter = names[index[e] as number] as string;
          const id = `${part}\n${counter}`;
          c = columnOf.get(id) ?? columns.push({ part: part as Part, name: counter }) - 1;
          columnOf.set(id, c);
          remap[at] = c;
        }
        columnAt[e] = c;
      }
    }
    return { packed, rowOf, columnAt };
  });
  // Then the counters, added into their cells.
  const width = columns.length;
  const data = new Float64Array(row.size * width);
  const seen = new Uint8Array(row.size * width);
  for (const { packed, rowOf, columnAt } of placed) {
    const { values, offsets } = packed;
    for (let s = 0; s < rowOf.length; s++) {
      const r = rowOf[s] as number;
      if (r < 0) continue;
      for (let e = offsets[s] as number; e < (offsets[s + 1] as number); e++) {
        const at = r * width + (columnAt[e] as number);
        data[at] = (data[at] as number) + (values[e] as number);
        seen[at] = 1;
      }
    }
  }
  return { width, columns, row, data, seen };
}

/** The comparison, from the street's years (or one community's months, drilled down), packed: pure. */
export function streetFigures(input: {
  street: StreetRecord;
  from: string;
  to: string;
  /** The street's slots of the range and of now, as `toStreet` names their sections (or one community's own). */
  slots: readonly { slot: string; packed: Packed }[];
  communityId?: string | undefined;
  now: Date;
}): StreetFigures {
  const communities = input.street.communities.filter((c) => !input.communityId || c.communityId === input.communityId);
  const months = monthsBetween(input.from, input.to);
  const table = rowsOf(input.slots, input.communityId);
  const { width, columns, data, seen } = table;
  const layout = layoutOf(columns);
  const homesColumn = columns.findIndex((c) => c.part === 'homes' && c.name === 'homes');
  const none = { data: new Float64Array(width), seen: new Uint8Array(width), at: 0 };
  const rows = communities.map((c) => {
    const homesRow = table.row.get(`${NOW_SLOT}/${c.communityId}`);
    const homes = homesRow === undefined || homesColumn < 0 ? 0 : (data[homesRow * width + homesColumn] as number);
    const total = { data: new Float64Array(width), seen: new Uint8Array(width), at: 0 };
    const byMonth = months.map((month) => {
      const r = table.row.get(`${month}/${c.communityId}`);
      if (r === undefined) return figuresOfRow(c, homes, layout, none);
      const at = r * width;
      for (let i = 0; i < width; i++) {
        total.data[i] = (total.data[i] as number) + (data[at + i] as number);
        total.seen[i] = (total.seen[i] as number) | (seen[at + i] as number);
      }
      return figuresOfRow(c, homes, layout, { data, seen, at });
    });
    return { total: figuresOfRow(c, homes, layout, total, months.length), byMonth };
  });
  return {
    streetId: input.street.streetId,
    name: input.street.name,
    district: input.street.district,
    from: input.from,
    to: input.to,
    generatedAt: input.now.toISOString(),
    communities: rows.map((r) => r.total),
    byMonth: months.map((month, i) => ({ month, communities: rows.map((r) => r.byMonth[i] as CommunityFigures) })),
  };
}

export async function getStreetFigures(
  deps: StreetFiguresDeps,
  streetId: string,
  query: { from: string; to: string; communityId?: string | undefined },
): Promise<StreetFigures> {
  const { communityId } = query;
  // The drill-down reads its community's own months (every dimension); the comparison the street's years.
  // Either is one key query from the range's start on, its level now (HOMES) included.
  const [street, slots] = await Promise.all([
    deps.streets.get(streetId),
    communityId
      ? deps.rollups.packedSince('community', communityId, query.from)
      : deps.rollups.packedSince('street', streetId, streetSlot(query.from)),
  ]);
  if (!street) throw new NotFoundError('STREET_NOT_FOUND', '找不到该街道');
  if (communityId && !street.communities.some((c) => c.communityId === communityId))
    throw new NotFoundError('COMMUNITY_NOT_IN_STREET', '该社区不属于本街道');
  return streetFigures({ street, ...query, slots, now: deps.now() });
}

const pct = (rate: number | null) => (rate === null ? '' : `${round(rate * 100, 1)}%`);

export const STREET_CSV_HEADER = [
  '月份',
  '社区',
  '收到意见',
  '办结',
  '整改率',
  '按时办结率',
  '办结时长中位数(小时)',
  '满意度',
  '上报',
  '回收量(公斤)',
  '户均回收(公斤)',
  '参与户数',
  '参与率',
  '发放积分',
  '兑换积分',
  '重要通知',
  '重要通知阅读率',
] as const;

/** One row per community and month, then each community over the whole range (月份 合计). */
export function streetFiguresCsv(figures: StreetFigures): CsvFile {
  const rowOf = (month: string, c: CommunityFigures): CsvCell[] => [
    month,
    c.name,
    c.feedback.received,
    c.feedback.resolved,
    pct(c.feedback.rectificationRate),
    pct(c.feedback.onTimeRate),
    c.feedback.medianHoursToResolve ?? '',
    c.feedback.averageSatisfaction ?? '',
    c.feedback.escalated,
    c.points.totalKg,
    c.points.kgPerHousehold ?? '',
    c.points.participatingHouseholds,
    pct(c.points.participationRate),
    c.points.issued,
    c.points.redeemed,
    c.bulletins.importantNotices,
    pct(c.bulletins.readRate),
  ];
  const rows: CsvCell[][] = [[...STREET_CSV_HEADER]];
  for (const m of figures.byMonth) for (const c of m.communities) rows.push(rowOf(m.month, c));
  for (const c of figures.communities) rows.push(rowOf('合计', c));
  return { filename: `街道对比-${figures.streetId}-${figures.from}-${figures.to}.csv`, csv: toCsv(rows) };
}
