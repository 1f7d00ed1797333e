/**
 * The demand list for the deliberation meeting (党群议事会): the same kind of
 * problem reported again and again at the same building. It is read from the
 * community's roll-ups of the months the window touches (each report at a
 * building is kept there by when it arrived), never from the raw reports.
 */
import {
  type CsvFile,
  type DemandList,
  NotFoundError,
  shanghaiClock,
  shanghaiDate,
  shanghaiMonth,
} from '@linli/shared';
import type { CommunityRecord } from '../../data/communities.js';
import type { RollupRecord, RollupsRepository } from '../../data/rollups.js';
import { toCsv } from './csv.js';
import type { FeedbackDeps } from './deps.js';
import { dimensions, sumSections } from './stats.js';

const DAY_MS = 86_400_000;

type Place = Pick<CommunityRecord, 'estates' | 'buildings'>;

/** Estate and building, as a resident names the place: 枫桥新村 2幢 (a building no longer listed: its id). */
function placeOf(community: Place, buildingId: string): string {
  const building = community.buildings.find((b) => b.buildingId === buildingId);
  const estate = community.estates.find((e) => e.estateId === building?.estateId);
  return building && estate ? `${estate.name} ${building.name}` : (building?.name ?? buildingId);
}

/**
 * Category × building pairs with at least `minCount` reports since `since` (withdrawn ones do not count),
 * most reported first, then most recently reported; from the roll-ups' `demand.<category>.<building>`.
 */
export function demandItems(
  months: readonly Pick<RollupRecord, 'sections' | 'labels'>[],
  community: Place,
  since: string,
  minCount: number,
) {
  const from = Date.parse(since);
  const labels = Object.assign({}, ...months.map((r) => r.labels)) as Record<string, string>;
  const times = (counters: Record<string, number>, prefix: string) =>
    Object.entries(counters)
      .filter(([name, n]) => name.startsWith(prefix) && n > 0 && Number(name.slice(prefix.length)) >= from)
      .map(([name, n]) => [Number(name.slice(prefix.length)), n] as const);
  return dimensions(sumSections(months), 'demand.')
    .map(([key, counters]) => {
      const [category = '', buildingId = ''] = key.split(/\.(.*)/s);
      const arrived = times(counters, 't_');
      return {
        category,
        categoryLabel: labels[`feedback.cat.${category}`] ?? category,
        buildingId,
        place: placeOf(community, buildingId),
        count: arrived.reduce((n, [, k]) => n + k, 0),
        open: times(counters, 'o_').reduce((n, [, k]) => n + k, 0),
        lastReportedAt: new Date(Math.max(0, ...arrived.map(([t]) => t))).toISOString(),
      };
    })
    .filter((item) => item.count >= minCount)
    .sort((a, b) => b.count - a.count || b.lastReportedAt.localeCompare(a.lastReportedAt));
}

type DemandDeps = Pick<FeedbackDeps, 'communities' | 'now'> & { rollups: Pick<RollupsRepository, 'months'> };

/** The demand list of the reports received in the last `days` days: the roll-ups of the months it touches. */
export async function demandList(
  deps: DemandDeps,
  communityId: string,
  days: number,
  minCount: number,
): Promise<DemandList> {
  const now = deps.now();
  const since = new Date(now.getTime() - days * DAY_MS).toISOString();
  const [community, months] = await Promise.all([
    deps.communities.get(communityId),
    deps.rollups.months('community', communityId, shanghaiMonth(new Date(since)), shanghaiMonth(now), 'demand.'),
  ]);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  return { communityId, since, days, items: demandItems(months, community, since, minCount) };
}

const when = (iso: string) => `${shanghaiDate(new Date(iso))} ${shanghaiClock(new Date(iso))}`;

export const DEMAND_CSV_HEADER = ['类别', '位置', '反映次数', '未办结', '最近反映时间'] as const;

export function demandCsv(list: DemandList): CsvFile {
  const rows = [
    [...DEMAND_CSV_HEADER],
    ...list.items.map((i) => [i.categoryLabel, i.place, i.count, i.open, when(i.lastReportedAt)]),
  ];
  const until = shanghaiDate(new Date(new Date(list.since).getTime() + list.days * DAY_MS));
  return { filename: `需求清单-${list.communityId}-近${list.days}天-${until}.csv`, csv: toCsv(rows) };
}
