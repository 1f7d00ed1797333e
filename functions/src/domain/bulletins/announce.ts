/**
 * An important bulletin reaches every resident of its audience in 消息.
 * The audience can be thousands of people, too many for the publishing
 * transaction: the bulletin is published with `announce: 'pending'`, the
 * messages are written after it commits (one fixed id per person, so a
 * repeat writes nothing twice), and the publish sweep finishes what a
 * request ran out of time for.
 */
import { BULLETIN_KIND_LABELS, blocksText, inAudience } from '@linli/shared';
import type { BulletinRecord } from '../../data/bulletins.js';
import type { MessageDraft } from '../../data/messages.js';
import { logger } from '../../http/route-handler.js';
import type { BulletinDeps } from './deps.js';

/** Messages written at once; each is its own small transaction. */
const PARALLEL = 16;
/** A request leaves the rest to the sweep after this (the API Lambda has 10 s). */
export const REQUEST_BUDGET_MS = 4_000;
/** The sweep's share of the jobs Lambda's minute. */
export const SWEEP_BUDGET_MS = 30_000;

export const bulletinLink = (communityId: string, bulletinId: string) =>
  `packages/bulletins/detail/index?communityId=${communityId}&bulletinId=${bulletinId}`;

/** One per person and bulletin: the message lives in the person's partition, so the bulletin id is enough. */
export const announcementId = (bulletinId: string) => `bul-${bulletinId}`;

/** Whether publishing `after` (from `before`) starts an announcement. */
export function startsAnnouncement(before: BulletinRecord | null, after: BulletinRecord): boolean {
  if (after.status !== 'published' || !after.important) return false;
  if (after.announce) return false;
  return before?.status !== 'published' || !before.important;
}

function draft(b: BulletinRecord, userId: string): MessageDraft {
  const excerpt = [...blocksText(b.blocks).replace(/\s+/g, ' ').trim()].slice(0, 60).join('');
  return {
    messageId: announcementId(b.bulletinId),
    userId,
    kind: 'bulletin_important',
    communityId: b.communityId,
    link: bulletinLink(b.communityId, b.bulletinId),
    title: `重要${BULLETIN_KIND_LABELS[b.kind]}：${b.title}`,
    body: excerpt ? `${excerpt}${excerpt.length >= 60 ? '…' : ''}` : '请点开阅读。',
  };
}

/**
 * Writes the announcement to every resident whose home is in the audience
 * (the members of the community, by key query), within `budgetMs`; marks
 * it done when everyone has it. False when time ran out (the sweep goes on).
 */
export async function announce(deps: BulletinDeps, b: BulletinRecord, now: Date, budgetMs: number): Promise<boolean> {
  if (b.status !== 'published' || !b.important) return true;
  const started = Date.now();
  const members = await deps.users.listMembers(b.communityId);
  const drafts = members
    .filter((m) => m.roles.includes('resident') && m.home !== null && inAudience(b.audience, m.home))
    .map((m) => draft(b, m.userId));
  for (let i = 0; i < drafts.length; i += PARALLEL) {
    if (Date.now() - started > budgetMs) return false;
    await Promise.all(drafts.slice(i, i + PARALLEL).map((d) => deps.messages.put([d], now)));
  }
  await deps.bulletins.markAnnounced(b, now.toISOString());
  return true;
}

/** From a request: a failure must not turn a committed publication into an error; the sweep finishes it. */
export async function announceAfterPublish(deps: BulletinDeps, b: BulletinRecord, now: Date): Promise<void> {
  try {
    await announce(deps, b, now, REQUEST_BUDGET_MS);
  } catch (error) {
    logger.warn('Announcement left to the sweep', { bulletinId: b.bulletinId, error: error as Error });
  }
}
