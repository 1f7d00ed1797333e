/**
 * The points figures leaders read (kg recycled, participating households,
 * points issued and redeemed, by Shanghai month) and the neighbourhood
 * leaderboard. The figures are folded from the community's roll-ups (one
 * key query for a year), kept by the stream consumer from the ledger; the
 * leaderboard reads only the month counters of the residents who opted in,
 * kept by the earning transactions. The definitions are the pure functions here.
 */
import {
  type Building,
  type CsvFile,
  type Leaderboard,
  type LeaderboardOptInBody,
  NotFoundError,
  type PointsRules,
  type PointsStats,
  rankLeaderboard,
  shanghaiMonth,
} from '@linli/shared';
import type { RollupRecord } from '../../data/rollups.js';
import type { MembershipRecord } from '../../data/users.js';
import { checkText } from '../feedback/checks.js';
import { type CsvCell, toCsv } from '../feedback/csv.js';
import { dimensions, monthsBetween } from '../feedback/stats.js';
import type { PointsStaffDeps } from './staff-deps.js';

const NO_BUILDING = { buildingId: '', name: '未登记楼栋' };
const kg = (grams: number) => Math.round(grams) / 1000;

export interface PointsFiguresInput {
  communityId: string;
  from: string;
  to: string;
  /** The community's roll-ups of those months (a month without any is a month of nothing). */
  months: readonly RollupRecord[];
  materials: PointsRules['materials'];
  buildings: readonly Pick<Building, 'buildingId' | 'name'>[];
  now: Date;
}

/**
 * From the counters `rollups/contributions.ts` keeps of the ledger:
 * - kg by material: grams of the lines of `earn_recycling` entries;
 * - households: residents (one household binding each) with at least one `earn_recycling` entry in the month,
 *   in total and by the building they weighed in for;
 * - issued: `earn_recycling` + `earn_volunteer`; redeemed: `redeem` less `refund` (adjustments and expiry are neither).
 */
export function pointsFigures(input: PointsFiguresInput): PointsStats {
  const months = monthsBetween(input.from, input.to);
  const labels = new Map(input.materials.map((m) => [m.material, m.label]));
  const slots = new Map(input.months.map((r) => [r.slot, r.sections]));
  const perBuilding = new Map<string, Map<string, number>>();
  const byMonth = months.map((month) => {
    const sections = slots.get(month) ?? {};
    const p = sections.points ?? {};
    for (const [building, c] of dimensions(sections, 'points.bld.')) {
      if (!perBuilding.has(building)) perBuilding.set(building, new Map());
      perBuilding.get(building)?.set(month, c.households ?? 0);
    }
    const grams = new Map<string, number>(input.materials.map((m) => [m.material, 0]));
    for (const [name, g] of Object.entries(p))
      if (name.startsWith('g_')) grams.set(name.slice(2), (grams.get(name.slice(2)) ?? 0) + g);
    const issuedRecycling = p.issuedRecycling ?? 0;
    const issuedVolunteer = p.issuedVolunteer ?? 0;
    return {
      month,
      kgByMaterial: [...grams].map(([material, g]) => ({
        material,
        label: labels.get(material) ?? material,
        kg: kg(g),
      })),
      totalKg: kg([...grams.values()].reduce((a, b) => a + b, 0)),
      households: p.participating ?? 0,
      issued: issuedRecycling + issuedVolunteer,
      issuedRecycling,
      issuedVolunteer,
      redeemed: p.redeemed ?? 0,
    };
  });
  const known = new Set(input.buildings.map((b) => b.buildingId));
  const buildings = [
    ...input.buildings,
    ...[...perBuilding.keys()]
      .filter((id) => !known.has(id))
      .sort()
      .map((id) => (id ? { buildingId: id, name: id } : NO_BUILDING)),
  ];
  return {
    communityId: input.communityId,
    from: input.from,
    to: input.to,
    generatedAt: input.now.toISOString(),
    byMonth,
    byBuilding: buildings.map((b) => ({
      buildingId: b.buildingId,
      name: b.name,
      months: months.map((month) => ({ month, households: perBuilding.get(b.buildingId)?.get(month) ?? 0 })),
    })),
  };
}

/** The figures of Shanghai months `from`–`to`: two reads, whatever the community's age. */
export async function pointsStats(deps: PointsStaffDeps, communityId: string, from: string, to: string) {
  const [community, months] = await Promise.all([
    deps.communities.get(communityId),
    deps.rollups.months('community', communityId, from, to, 'points'),
  ]);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  return pointsFigures({
    communityId,
    from,
    to,
    months,
    materials: community.settings.pointsRules.materials,
    buildings: community.buildings,
    now: deps.now(),
  });
}

export const POINTS_CSV_HEADER = ['指标', '名称', '月份', '数值'] as const;

/** Long format (one figure a row), which spreadsheets pivot easily. */
export function pointsStatsCsv(stats: PointsStats): CsvFile {
  const rows: CsvCell[][] = [[...POINTS_CSV_HEADER]];
  for (const m of stats.byMonth) {
    for (const k of m.kgByMaterial) rows.push(['回收量(公斤)', k.label, m.month, k.kg]);
    rows.push(['回收量(公斤)', '合计', m.month, m.totalKg]);
  }
  for (const b of stats.byBuilding) for (const m of b.months) rows.push(['参与户数', b.name, m.month, m.households]);
  for (const m of stats.byMonth) {
    rows.push(['参与户数', '合计', m.month, m.households]);
    rows.push(['发放积分', '垃圾分类', m.month, m.issuedRecycling]);
    rows.push(['发放积分', '志愿服务', m.month, m.issuedVolunteer]);
    rows.push(['发放积分', '合计', m.month, m.issued]);
    rows.push(['兑换积分', '扣除退回', m.month, m.redeemed]);
  }
  return { filename: `积分统计-${stats.communityId}-${stats.from}-${stats.to}.csv`, csv: toCsv(rows) };
}

const BOARD_SIZE = 50;

/** This month's leaderboard of residents who opted in, and where the caller stands. */
export async function leaderboard(
  deps: PointsStaffDeps,
  userId: string,
  membership: MembershipRecord,
  communityId: string,
): Promise<Leaderboard> {
  const month = shanghaiMonth(deps.now());
  // The month counters of the opted-in and the caller: a few hundred reads at most, never the month's ledger.
  const [optIns, mine] = await Promise.all([
    deps.leaderboard.optIns(communityId),
    deps.leaderboard.get(userId, communityId),
  ]);
  const earned = await deps.points.earnedInMonth(communityId, [...optIns.map((o) => o.userId), userId], month);
  const ranked = rankLeaderboard(earned, optIns, Number.POSITIVE_INFINITY);
  return {
    communityId,
    month,
    items: ranked
      .slice(0, BOARD_SIZE)
      .map((r) => ({ rank: r.rank, displayName: r.displayName, points: r.points, me: r.userId === userId })),
    me: membership.roles.includes('resident')
      ? {
          optIn: Boolean(mine),
          displayName: mine?.displayName ?? null,
          rank: ranked.find((r) => r.userId === userId)?.rank ?? null,
          points: earned.get(userId) ?? 0,
        }
      : null,
  };
}

/** A resident joins the leaderboard under a name of their choosing (checked like any published text), or leaves it. */
export async function setLeaderboardOptIn(
  deps: PointsStaffDeps,
  userId: string,
  communityId: string,
  body: LeaderboardOptInBody,
) {
  if (!body.optIn || !body.displayName) {
    await deps.leaderboard.optOut(userId, communityId);
    return { optIn: false, displayName: null };
  }
  const profile = await deps.users.getProfile(userId);
  await checkText(deps, profile?.openid, { field: 'body.displayName', value: body.displayName });
  await deps.leaderboard.optIn({ userId, communityId, displayName: body.displayName, at: deps.now().toISOString() });
  return { optIn: true, displayName: body.displayName };
}
