/** The neighbourhood leaderboard, pure: residents who opted in, ranked by points earned in a month. */
import type { LedgerType } from './ledger.js';

export interface OptedIn {
  userId: string;
  displayName: string;
}

export interface LeaderboardRow {
  rank: number;
  userId: string;
  displayName: string;
  points: number;
}

/** Points earned (recycling and volunteering) per resident, from a month's ledger entries. */
export function earnedByResident(
  entries: readonly { userId: string; type: LedgerType; points: number }[],
): Map<string, number> {
  const earned = new Map<string, number>();
  for (const e of entries)
    if (e.type === 'earn_recycling' || e.type === 'earn_volunteer')
      earned.set(e.userId, (earned.get(e.userId) ?? 0) + e.points);
  return earned;
}

/**
 * Opted-in residents who earned something, most points first. Equal points
 * share a rank (1, 2, 2, 4) and are listed by display name; `limit` rows at most.
 */
export function rankLeaderboard(
  earned: ReadonlyMap<string, number>,
  optIns: readonly OptedIn[],
  limit: number,
): LeaderboardRow[] {
  const rows = optIns
    .map((o) => ({ userId: o.userId, displayName: o.displayName, points: earned.get(o.userId) ?? 0 }))
    .filter((r) => r.points > 0)
    .sort(
      (a, b) =>
        b.points - a.points ||
        a.displayName.localeCompare(b.displayName, 'zh-Hans-CN') ||
        a.userId.localeCompare(b.userId),
    );
  let rank = 0;
  return rows.slice(0, limit).map((r, i) => {
    if (i === 0 || r.points !== rows[i - 1]?.points) rank = i + 1;
    return { rank, ...r };
  });
}
