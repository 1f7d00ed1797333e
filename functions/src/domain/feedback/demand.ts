/**
 * The demand list for the deliberation meeting (党群议事会): the same kind of
 * problem reported again and again at the same building.
 */
import { type CsvFile, type DemandList, isOpen, NotFoundError, shanghaiClock, shanghaiDate } from '@linli/shared';
import type { CommunityRecord } from '../../data/communities.js';
import type { ReportRecord } from '../../data/feedback.js';
import { toCsv } from './csv.js';
import type { FeedbackDeps } from './deps.js';

const DAY_MS = 86_400_000;

export type DemandRecord = Pick<ReportRecord, 'status' | 'createdAt' | 'category' | 'categoryLabel' | 'location'>;

type Place = Pick<CommunityRecord, 'estates' | 'buildings'>;

/** Estate and building, as a resident names the place: 枫桥新村 2幢. */
function placeOf(community: Place, r: DemandRecord): string {
  const building = community.buildings.find((b) => b.buildingId === r.location.buildingId);
  const estate = community.estates.find((e) => e.estateId === (building?.estateId ?? r.location.estateId));
  return building && estate ? `${estate.name} ${building.name}` : r.location.address.split(' ').slice(0, 2).join(' ');
}

/**
 * Category × building pairs with at least `minCount` reports (withdrawn ones
 * do not count), most reported first, then most recently reported.
 */
export function demandItems(records: readonly DemandRecord[], community: Place, minCount: number) {
  const groups = new Map<string, DemandRecord[]>();
  for (const r of records) {
    if (r.status === 'withdrawn' || !r.location.buildingId) continue;
    const key = `${r.category}\u0000${r.location.buildingId}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()]
    .filter((group) => group.length >= minCount)
    .map((group) => {
      const latest = group.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
      return {
        category: latest.category,
        categoryLabel: latest.categoryLabel,
        buildingId: latest.location.buildingId as string,
        place: placeOf(community, latest),
        count: group.length,
        open: group.filter((r) => isOpen(r.status)).length,
        lastReportedAt: latest.createdAt,
      };
    })
    .sort((a, b) => b.count - a.count || b.lastReportedAt.localeCompare(a.lastReportedAt));
}

type DemandDeps = Pick<FeedbackDeps, 'feedback' | 'communities' | 'now'>;

/** The demand list of the reports received in the last `days` days. */
export async function demandList(
  deps: DemandDeps,
  communityId: string,
  days: number,
  minCount: number,
): Promise<DemandList> {
  const community = await deps.communities.get(communityId);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const now = deps.now();
  const since = new Date(now.getTime() - days * DAY_MS).toISOString();
  const records = await deps.feedback.listReceived(communityId, since, `${now.toISOString()}~`);
  return { communityId, since, days, items: demandItems(records, community, minCount) };
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
