/**
 * A street bulletin reaches its communities through copies: once approved,
 * each community it is for holds a bulletin of the same id with `origin`,
 * written in the same transaction as the street's change. From there the
 * community machinery does the rest: the publish sweep publishes a scheduled
 * copy at its time, its feed entries are written per building, residents
 * read it and leave receipts on it, withdrawing takes it out of the feeds.
 */

import type { CopyWrites } from '../../data/bulletins/street.js';
import type { BulletinRecord, StreetBulletinRecord } from '../../data/bulletins.js';
import { announceAfterPublish, startsAnnouncement } from './announce.js';
import type { BulletinDeps } from './deps.js';
import { startsFeedSync, syncFeedAfterWrite } from './feed.js';

/** The street bulletin as its copy in one community: the whole community is its audience there. */
export function copyOf(
  s: StreetBulletinRecord,
  communityId: string,
  before: BulletinRecord | undefined,
): BulletinRecord {
  let copy: BulletinRecord = {
    bulletinId: s.bulletinId,
    communityId,
    title: s.title,
    kind: s.kind,
    coverKey: null,
    source: s.source,
    blocks: s.blocks,
    audience: { type: 'community' },
    important: s.important,
    pinned: s.pinned,
    publishAt: s.publishAt,
    publishedAt: s.publishedAt,
    status: s.status,
    revision: s.revision,
    version: before ? before.version + 1 : 1,
    authorId: s.authorId,
    authorName: s.authorName,
    approverId: s.approverId,
    approverName: s.approverName,
    rejectReason: null,
    ...(s.decisions ? { decisions: s.decisions } : {}),
    readCount: before?.readCount ?? 0,
    activityId: null,
    issueId: null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...(before?.riskyPhotos ? { riskyPhotos: before.riskyPhotos } : {}),
    ...(before?.announce ? { announce: before.announce } : {}),
    ...(before?.announcedAt ? { announcedAt: before.announcedAt } : {}),
    origin: { streetId: s.streetId, streetName: s.streetName },
  };
  if (startsAnnouncement(before ?? null, copy)) copy = { ...copy, announce: 'pending' };
  if (startsFeedSync(before ?? null, copy)) copy = { ...copy, feedSync: 'pending' };
  return copy;
}

/** The communities a street bulletin is for: the street's, or the chosen ones (checked to be the street's). */
export function targetsOf(
  s: Pick<StreetBulletinRecord, 'audience'>,
  street: { communities: { communityId: string }[] },
) {
  return s.audience.type === 'street' ? street.communities.map((c) => c.communityId) : s.audience.communityIds;
}

/**
 * The copies' writes that bring them in step with `after`: an approved or
 * published street bulletin has one in each community it is for; a copy
 * no longer wanted is taken out (withdrawn if residents had it, else deleted).
 */
export function copyWrites(
  after: StreetBulletinRecord,
  targets: readonly string[],
  existing: readonly BulletinRecord[],
  at: string,
): CopyWrites & { written: BulletinRecord[] } {
  const live = after.status === 'approved' || after.status === 'published';
  const wanted = new Set(live ? targets : []);
  const byCommunity = new Map(existing.map((c) => [c.communityId, c]));
  const put: CopyWrites['put'] = [];
  const remove: BulletinRecord[] = [];
  const written: BulletinRecord[] = [];
  for (const communityId of wanted) {
    const before = byCommunity.get(communityId);
    if (before?.status === 'withdrawn') continue;
    const copy = copyOf(after, communityId, before);
    put.push({ copy, before });
    written.push(copy);
  }
  for (const before of existing) {
    if (wanted.has(before.communityId)) continue;
    if (before.status === 'approved') remove.push(before);
    if (before.status === 'published') {
      const out: BulletinRecord = {
        ...before,
        status: 'withdrawn',
        version: before.version + 1,
        updatedAt: at,
        feedSync: 'pending',
      };
      put.push({ copy: out, before });
      written.push(out);
    }
  }
  return { put, remove, written };
}

/** After the copies committed: their feed entries and announcements (the publish sweep finishes what is left). */
export async function followCopies(deps: BulletinDeps, written: readonly BulletinRecord[], now: Date) {
  for (const copy of written) if (copy.feedSync === 'pending') await syncFeedAfterWrite(deps, copy);
  for (const copy of written) if (copy.announce === 'pending') await announceAfterPublish(deps, copy, now);
}

/** The publish sweep published a street bulletin's copy: the street's bulletin is published too (once). */
export async function streetCopyPublished(deps: BulletinDeps, copy: BulletinRecord, at: string): Promise<void> {
  if (!copy.origin) return;
  const before = await deps.bulletins.getStreetBulletin(copy.origin.streetId, copy.bulletinId);
  if (before?.status !== 'approved') return;
  await deps.bulletins.updateStreetBulletin(before, {
    ...before,
    status: 'published',
    publishedAt: copy.publishedAt,
    updatedAt: at,
  });
}
