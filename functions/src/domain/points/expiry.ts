/**
 * Expiry of points in communities whose rules say `end_of_next_year`: from
 * 1 January (Shanghai) on, the sweep writes one `expire` entry per account for
 * what is left of the year before last. It walks the accounts by key query
 * (gsi1 `PTSACCOUNTS#<cid>`), remembers where it stopped, and marks the year done.
 */
import { ConflictError, expiringPoints, expiringYear, expiryInput, shanghaiYearRange } from '@linli/shared';
import type { ExpiryRunRecord } from '../../data/points.js';
import type { SweepBudget } from '../sweep-budget.js';
import { entryTime } from './account.js';
import type { PointsDeps } from './deps.js';

const PAGE = 100;
const PARALLEL = 8;
const ATTEMPTS = 5;

/** Expires what is left of `year` in one account; 0 when nothing (or already done). */
export async function expireAccount(
  deps: Pick<PointsDeps, 'points'>,
  communityId: string,
  userId: string,
  year: number,
): Promise<number> {
  const entryId = `expire-${year}`;
  const due = shanghaiYearRange(year + 2).from;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const account = await deps.points.account(communityId, userId);
    const { balance } = account;
    // The first instant of year+2, unless the account already moved past it (time order is balance order).
    const at = entryTime(account, due);
    const entries = await deps.points.entriesSince(communityId, userId, shanghaiYearRange(year).from.toISOString());
    if (entries.some((e) => e.entryId === entryId)) return 0;
    const points = expiringPoints(expiryInput(balance, entries, year));
    if (points <= 0) return 0;
    try {
      await deps.points.expire({
        // A fixed key (the first instant of year+2, `expire-<year>`): a second write of it is refused;
        // the account's `seq` refuses one written while another change (or run) moved it.
        entry: {
          entryId,
          communityId,
          userId,
          type: 'expire',
          points: -points,
          at,
          month: `${year + 2}-01`,
          note: `${year} 年获得的积分已于 ${year + 1} 年底到期`,
          ref: `expiry:${year}`,
          by: null,
        },
        account,
        done: () => new ConflictError('EXPIRY_DONE', '已处理'),
      });
      return points;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (error.code === 'EXPIRY_DONE') return 0;
    }
  }
  throw new Error(`Expiry of ${communityId}/${userId} kept meeting a moving balance`);
}

/**
 * One tick of the expiry sweep at `now`; safe to run twice or at once. It stops when its share of the tick
 * is used up and carries on from the saved cursor at the next tick.
 */
export async function expirePoints(
  deps: PointsDeps,
  now: Date,
  budget: SweepBudget = { spent: () => false, remainingMs: () => Number.POSITIVE_INFINITY },
): Promise<{ changed: number; more?: boolean }> {
  const year = expiringYear(now);
  let changed = 0;
  let communities: string | undefined;
  do {
    const page = await deps.communities.list(communities, 50);
    for (const { communityId } of page.items) {
      const settings = await deps.communities.getSettings(communityId);
      if (settings?.pointsRules.expiry !== 'end_of_next_year') continue;
      const run: ExpiryRunRecord = (await deps.points.expiryRun(communityId, year)) ?? {
        communityId,
        year,
        cursor: null,
        done: false,
        accounts: 0,
        points: 0,
        updatedAt: now.toISOString(),
      };
      if (run.done) continue;
      do {
        if (budget.spent()) return { changed, more: true };
        const accounts = await deps.points.accounts(communityId, run.cursor ?? undefined, PAGE);
        for (let i = 0; i < accounts.items.length; i += PARALLEL) {
          const expired = await Promise.all(
            accounts.items.slice(i, i + PARALLEL).map((a) => expireAccount(deps, communityId, a.userId, year)),
          );
          for (const points of expired) {
            if (points <= 0) continue;
            changed++;
            run.accounts++;
            run.points += points;
          }
        }
        run.cursor = accounts.cursor;
        run.done = accounts.cursor === null;
        run.updatedAt = new Date().toISOString();
        await deps.points.saveExpiryRun(run);
      } while (!run.done);
    }
    communities = page.cursor ?? undefined;
  } while (communities);
  return { changed };
}

/** Points expiry as a scheduled sweep. */
export function pointsExpirySweep(deps: () => PointsDeps) {
  return { name: 'points-expiry', run: (now: Date, budget: SweepBudget) => expirePoints(deps(), now, budget) };
}
