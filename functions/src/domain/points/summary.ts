import {
  describeWindow,
  LEDGER_TYPE_LABELS,
  NotFoundError,
  nextExchangeWindow,
  openExchangeWindow,
  type PointsSummary,
  shanghaiMonth,
  shanghaiMonthRange,
} from '@linli/shared';
import type { LedgerRecord } from '../../data/points.js';
import type { PointsDeps } from './deps.js';

export function ledgerView(e: LedgerRecord) {
  return {
    entryId: e.entryId,
    type: e.type,
    typeLabel: LEDGER_TYPE_LABELS[e.type],
    points: e.points,
    at: e.at,
    note: e.note,
  };
}

/** Balance, this month's earned and spent, and the exchange window now open or next. */
export async function pointsSummary(deps: PointsDeps, userId: string, communityId: string): Promise<PointsSummary> {
  const now = deps.now();
  const month = shanghaiMonth(now);
  const { from, to } = shanghaiMonthRange(month);
  const [balance, entries, settings] = await Promise.all([
    deps.points.balance(communityId, userId),
    deps.points.ledgerBetween(communityId, userId, from.toISOString(), to.toISOString()),
    deps.communities.getSettings(communityId),
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
  return { items: page.items.map(ledgerView), cursor: page.cursor };
}
