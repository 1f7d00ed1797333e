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
import {
  type Counters,
  NOW_SLOT,
  type RollupsRepository,
  type Sections,
  streetSection,
  streetSlot,
  sumInto,
  toStreet,
} from '../../data/rollups.js';
import type { StreetRecord, StreetsRepository } from '../../data/streets.js';
import { type CsvCell, toCsv } from '../feedback/csv.js';
import { medianOfBuckets, monthsBetween } from '../feedback/stats.js';

export interface StreetFiguresDeps {
  streets: Pick<StreetsRepository, 'get'>;
  rollups: Pick<RollupsRepository, 'since'>;
  now: () => Date;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number, digits = 4) => (whole > 0 ? round(part / whole, digits) : null);

/** Material labels: the default list's (a community's own materials show by their id). */
const LABELS = new Map(defaultCommunitySettings().pointsRules.materials.map((m) => [m.material, m.label]));

type Slice = Record<'feedback' | 'points' | 'bulletins', Counters>;

/**
 * One community's figures of a slice of months. Homes that weighed in are counted per month; over
 * several months (`months` > 1) the figure is their monthly average (月均参与户数).
 */
export function figuresOfSlice(
  community: { communityId: string; name: string },
  homes: number,
  s: Slice,
  months = 1,
): CommunityFigures {
  const participating = Math.round((s.points.participating ?? 0) / months);
  const { feedback: f, points: p, bulletins: b } = s;
  const grams: { material: string; grams: number }[] = [];
  let allGrams = 0;
  for (const name in p) {
    if (name.charCodeAt(0) !== 103 /* g */ || name.charCodeAt(1) !== 95 /* _ */) continue;
    grams.push({ material: name.slice(2), grams: p[name] as number });
    allGrams += p[name] as number;
  }
  grams.sort((x, y) => (x.material < y.material ? -1 : x.material > y.material ? 1 : 0));
  const totalKg = round(allGrams / 1000, 3);
  const received = f.received ?? 0;
  const resolved = f.resolved ?? 0;
  return {
    communityId: community.communityId,
    name: community.name,
    households: homes,
    feedback: {
      received,
      resolved,
      rectificationRate: ratio(resolved, received - (f.dropped ?? 0)),
      onTimeRate: ratio(f.onTime ?? 0, f.withDeadline ?? 0),
      medianHoursToResolve: medianOfBuckets(f),
      averageSatisfaction: ratio(f.ratingSum ?? 0, f.rated ?? 0, 2),
      escalated: f.escalated ?? 0,
    },
    points: {
      kgByMaterial: grams.map((g) => ({
        material: g.material,
        label: LABELS.get(g.material) ?? g.material,
        kg: round(g.grams / 1000, 3),
      })),
      totalKg,
      kgPerHousehold: ratio(totalKg, homes, 2),
      participatingHouseholds: participating,
      participationRate: ratio(participating, homes),
      issued: (p.issuedRecycling ?? 0) + (p.issuedVolunteer ?? 0),
      redeemed: p.redeemed ?? 0,
    },
    bulletins: {
      importantNotices: b.notices ?? 0,
      readRate: ratio(b.wideReads ?? 0, (b.wideNotices ?? 0) * homes),
    },
  };
}

/** The comparison, from the street and its communities' headline sections (`2026-04/c1/points`): pure. */
export function streetFigures(input: {
  street: StreetRecord;
  from: string;
  to: string;
  /** The street's sections of the range and of now (or one community's, drilled down), as `toStreet` names them. */
  sections: Sections;
  communityId?: string | undefined;
  now: Date;
}): StreetFigures {
  const communities = input.street.communities.filter((c) => !input.communityId || c.communityId === input.communityId);
  const months = monthsBetween(input.from, input.to);
  const at = (slot: string, communityId: string, part: string) =>
    input.sections[streetSection(slot, communityId, part)] ?? {};
  const sliceOf = (month: string, communityId: string): Slice => ({
    feedback: at(month, communityId, 'feedback'),
    points: at(month, communityId, 'points'),
    bulletins: at(month, communityId, 'bulletins'),
  });
  const rows = communities.map((c) => {
    const homes = at(NOW_SLOT, c.communityId, 'homes').homes ?? 0;
    const slices = months.map((month) => sliceOf(month, c.communityId));
    const range = slices.reduce<Sections>((all, slice) => sumInto(all, slice), {});
    return {
      total: figuresOfSlice(c, homes, { feedback: {}, points: {}, bulletins: {}, ...range }, months.length),
      byMonth: slices.map((slice) => figuresOfSlice(c, homes, slice)),
    };
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
  const [street, records] = await Promise.all([
    deps.streets.get(streetId),
    communityId
      ? deps.rollups.since('community', communityId, query.from)
      : deps.rollups.since('street', streetId, streetSlot(query.from)),
  ]);
  if (!street) throw new NotFoundError('STREET_NOT_FOUND', '找不到该街道');
  if (communityId && !street.communities.some((c) => c.communityId === communityId))
    throw new NotFoundError('COMMUNITY_NOT_IN_STREET', '该社区不属于本街道');
  const sections: Sections = {};
  for (const r of records)
    Object.assign(sections, communityId ? toStreet(communityId, r.slot, r.sections) : r.sections);
  return streetFigures({ street, ...query, sections, now: deps.now() });
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
