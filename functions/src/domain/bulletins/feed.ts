/**
 * The feed is kept per audience unit (the community, each building): a
 * bulletin's entries are written when it is published, rewritten with each
 * new revision and taken out when it is withdrawn. A community of a few
 * hundred buildings is too many for the publishing transaction: the bulletin
 * is written with `feedSync: 'pending'`, the entries after it commits
 * (idempotent, each carrying the version), and the publish sweep finishes
 * what a request ran out of time for.
 */
import { audienceBuildings } from '@linli/shared';
import type { BulletinRecord } from '../../data/bulletins.js';
import type { PhotoCheckStatus } from '../../data/photo-checks.js';
import { logger } from '../../http/route-handler.js';
import type { BulletinDeps } from './deps.js';
import { feedEntry } from './feed-entry.js';
import { riskyOf } from './read.js';

/** A request's share of its 10 s for the entries; an announcement may follow with its own. */
const REQUEST_BUDGET_MS = 2_000;

/** Whether writing `after` (from `before`) changes what a feed shows: it was or is published. */
export const startsFeedSync = (before: BulletinRecord | null, after: BulletinRecord) =>
  before?.status === 'published' || after.status === 'published';

/** Brings `b`'s feed entries in step with it within `budgetMs`; false when time ran out (the sweep goes on). */
export async function syncFeed(deps: BulletinDeps, b: BulletinRecord, budgetMs: number): Promise<boolean> {
  const published = b.status === 'published';
  const community = published ? await deps.communities.get(b.communityId) : undefined;
  const buildingIds = community ? audienceBuildings(b.audience, community.buildings) : [];
  // A street bulletin's copy takes the marks of the street's photo (`riskyOf`).
  const entry = published ? feedEntry({ ...b, riskyPhotos: await riskyOf(deps, b) }) : null;
  if (!(await deps.bulletins.syncFeed(b.communityId, b.bulletinId, b.version, entry, buildingIds, budgetMs)))
    return false;
  // The entries copy the cover: until WeChat has judged it, the sweep copies it again (a risky one then drops out).
  if (entry?.coverKey && (await coverAwaitsVerdict(deps, entry.coverKey))) return true;
  await deps.bulletins.markFeedSynced(b);
  return true;
}

const AWAITING: readonly PhotoCheckStatus[] = ['queued', 'sending', 'checking'];
async function coverAwaitsVerdict(deps: BulletinDeps, coverKey: string): Promise<boolean> {
  const check = await deps.photoChecks.get(coverKey);
  return check !== undefined && AWAITING.includes(check.status);
}

/** From a request: a failure must not turn a committed change into an error; the sweep finishes it. */
export async function syncFeedAfterWrite(deps: BulletinDeps, b: BulletinRecord): Promise<void> {
  try {
    await syncFeed(deps, b, REQUEST_BUDGET_MS);
  } catch (error) {
    logger.warn('Feed left to the sweep', { bulletinId: b.bulletinId, error: error as Error });
  }
}

/**
 * Tables from before the feed was kept per unit: every published bulletin's
 * entries are written once, by the sweep, and the community is marked done.
 */
export async function backfillFeed(deps: BulletinDeps, communityId: string, budgetMs: number): Promise<void> {
  if (await deps.bulletins.feedBackfilled(communityId)) return;
  const started = Date.now();
  let cursor: string | undefined;
  do {
    const page = await deps.bulletins.byStatus(communityId, 'published', cursor, 100);
    for (const b of page.items) {
      const left = budgetMs - (Date.now() - started);
      if (left <= 0 || !(await syncFeed(deps, b, left))) return;
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  await deps.bulletins.markFeedBackfilled(communityId);
}
