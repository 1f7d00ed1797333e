import {
  describeWindow,
  LEDGER_TYPE_LABELS,
  type LedgerEntry,
  maskName,
  NotFoundError,
  nextExchangeWindow,
  openExchangeWindow,
  type PointsSummary,
  shanghaiMonth,
  shanghaiMonthRange,
} from '@linli/shared';
import type { CommunityRecord } from '../../data/communities.js';
import type { LedgerRecord } from '../../data/points.js';
import type { PointsDeps } from './deps.js';

/** What a ledger view needs besides the entry: the community (stations, materials) and who made changes. */
interface LedgerContext {
  community: Pick<CommunityRecord, 'stations' | 'settings'> | undefined;
  names: ReadonlyMap<string, string>;
}

/**
 * One entry as the resident reads it: the grams as weighed, the station, who
 * made the change (masked) and the balance it left. Entries written before
 * lines had labels take the community's; before `balanceAfter`, it is null.
 */
export function ledgerView(e: LedgerRecord, context: LedgerContext): LedgerEntry {
  const materials = context.community?.settings.pointsRules.materials ?? [];
  const operator = e.by && e.by !== e.userId ? context.names.get(e.by) : undefined;
  return {
    entryId: e.entryId,
    type: e.type,
    typeLabel: LEDGER_TYPE_LABELS[e.type],
    points: e.points,
    at: e.at,
    note: e.note,
    lines: (e.lines ?? []).map((l) => ({
      material: l.material,
      label: l.label ?? materials.find((m) => m.material === l.material)?.label ?? l.material,
      grams: l.grams,
      points: l.points,
    })),
    stationName: (e.stationId && context.community?.stations.find((s) => s.stationId === e.stationId)?.name) || null,
    operatorName: operator ? maskName(operator) : null,
    balanceAfter: e.balanceAfter ?? null,
  };
}

/** Balance, this month's earned and spent, and the exchange window now open or next. */
export async function pointsSummary(deps: PointsDeps, userId: string, communityId: string): Promise<PointsSummary> {
  const now = deps.now();
  const month = shanghaiMonth(now);
  const { from, to } = shanghaiMonthRange(month);
  const [{ balance, settings }, entries] = await Promise.all([
    deps.points.balanceWithSettings(communityId, userId),
    deps.points.ledgerBetween(communityId, userId, from.toISOString(), to.toISOString()),
  ]);
  if (!settings) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const open = openExchangeWindow(settings.exchangeDay, now);
  const window = open ?? nextExchangeWindow(settings.exchangeDay, now);
  return {
    communityId,
    balance,
    month,
    earnedThisMonth: entries.filter((e) => e.points > 0 && e.type !== 'refund').reduce((s, e) => s + e.points, 0),
    // Spent = redeemed less what came back from cancelled reservations.
    spentThisMonth: -entries
      .filter((e) => e.type === 'redeem' || e.type === 'refund')
      .reduce((s, e) => s + e.points, 0),
    exchange: { open: open !== null, window: { ...window, description: describeWindow(window) } },
  };
}

export async function ledgerPage(
  deps: PointsDeps,
  userId: string,
  communityId: string,
  cursor: string | undefined,
  limit: number,
) {
  const page = await deps.points.ledger(communityId, userId, cursor, limit);
  const [community, names] = await Promise.all([
    deps.communities.shown(communityId),
    deps.users.nicknames(page.items.flatMap((e) => (e.by && e.by !== userId ? [e.by] : []))),
  ]);
  const context = { community, names };
  return { items: page.items.map((e) => ledgerView(e, context)), cursor: page.cursor };
}
