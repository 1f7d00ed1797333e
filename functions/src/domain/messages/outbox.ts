/**
 * The outbox: what must reach WeChat after a change has committed. Entries
 * come from the DynamoDB stream (new items, at once) and from the outbox
 * sweep (retries that are due). Each entry is claimed with a condition
 * before WeChat is called, so two workers never send one message twice; a
 * WeChat failure puts it back with a later due time and never touches the
 * change that caused it.
 */

import type { SubscriptionTemplate } from '@linli/shared';
import { upstreamLogFields, wechatFailureOf } from '../../clients/wechat.js';
import type { MessagesRepository } from '../../data/messages.js';
import type { PhotoChecksRepository } from '../../data/photo-checks.js';
import type { UsersRepository } from '../../data/users.js';
import { logger } from '../../http/route-handler.js';
import { countMetric, NOTIFICATIONS_REFUSED, NOTIFICATIONS_SENT } from '../../metrics.js';
import type { SweepBudget } from '../sweep-budget.js';

export interface OutboxDeps {
  messages: MessagesRepository;
  photoChecks: PhotoChecksRepository;
  users: Pick<UsersRepository, 'getProfile'>;
  wechat: {
    sendSubscribeMessage(m: {
      openid: string;
      templateId: string;
      page?: string;
      data: Record<string, string>;
    }): Promise<void>;
    mediaCheckAsync(i: { openid: string; mediaUrl: string; scene: 1 | 2 | 3 | 4 }): Promise<{ traceId: string }>;
  };
  photos: { presignGet(key: string, expiresInSeconds?: number): Promise<string> };
  templates: Record<SubscriptionTemplate, string>;
  now: () => Date;
}

export type OutboxEntry =
  | { outbox: 'message'; userId: string; messageId: string; template: string; priority: number }
  | { outbox: 'photo_check'; photoKey: string };

/** After this many attempts an entry is given up (and logged); the message stays in 消息. */
export const MAX_ATTEMPTS = 6;
/** WeChat downloads the photo within minutes; an hour leaves room for its own retries. */
const MEDIA_URL_SECONDS = 60 * 60;
/** Refusals that another try cannot change (bad openid, template, page, data; a file WeChat will not take). */
const PERMANENT = new Set([40003, 40004, 40006, 40037, 41030, 47003, 43101, 40125]);

/** Wait before attempt n+1: 30 s, 2 min, 8 min, 32 min, about 2 h. */
export function backoff(attempts: number, now: Date): Date {
  return new Date(now.getTime() + 30_000 * 4 ** Math.min(attempts, 5));
}

/** The entry a stream record or an index item stands for, if it is one. */
export function entryOf(item: Record<string, unknown>): OutboxEntry | undefined {
  if (item.outbox === 'message' && typeof item.userId === 'string' && typeof item.messageId === 'string')
    return {
      outbox: 'message',
      userId: item.userId,
      messageId: item.messageId,
      template: (item.push as { template?: string } | undefined)?.template ?? '',
      priority: (item.push as { priority?: number } | undefined)?.priority ?? 0,
    };
  if (item.outbox === 'photo_check' && typeof item.photoKey === 'string')
    return { outbox: 'photo_check', photoKey: item.photoKey };
  return undefined;
}

async function deliver(
  deps: OutboxDeps,
  userId: string,
  messageId: string,
): Promise<'sent' | 'skipped' | 'retry' | 'dropped'> {
  const m = await deps.messages.get(userId, messageId);
  if (!m?.push || m.delivery !== 'pending') return 'skipped';
  if (!(await deps.messages.claimDelivery(userId, messageId))) return 'skipped';
  const { template } = m.push;
  const profile = await deps.users.getProfile(userId);
  if (!profile?.openid || !(await deps.messages.spendConsent(userId, template))) {
    await deps.messages.settleDelivery(userId, messageId, { state: 'no_consent' });
    return 'dropped';
  }
  const error = await deps.wechat
    .sendSubscribeMessage({
      openid: profile.openid,
      templateId: deps.templates[template],
      page: m.push.page,
      data: m.push.data,
    })
    .then(
      () => undefined,
      (e: unknown) => e ?? new Error('send failed'),
    );
  // Settled outside the send's failure path: a store error after a send must never lead to a second send.
  if (error === undefined) {
    await deps.messages.settleDelivery(userId, messageId, { state: 'sent' });
    return 'sent';
  }
  const failure = wechatFailureOf(error);
  logger.warn('WeChat message not delivered', { ...upstreamLogFields(error), template, attempt: m.attempts + 1 });
  if (failure?.errcode === 43101) {
    // WeChat knows better than our count: nothing is left.
    await deps.messages.clearConsents(userId, template);
    await deps.messages.settleDelivery(userId, messageId, { state: 'no_consent' });
    return 'dropped';
  }
  if (failure?.reason === 'timeout') {
    // WeChat may have sent it and only the answer was lost: trying again could send it twice.
    await deps.messages.settleDelivery(userId, messageId, { state: 'failed' });
    return 'dropped';
  }
  // A refused or failed send did not use the consent.
  await deps.messages.refundConsent(userId, template);
  const permanent = failure?.errcode !== undefined && PERMANENT.has(failure.errcode);
  if (permanent || m.attempts + 1 >= MAX_ATTEMPTS) {
    await deps.messages.settleDelivery(userId, messageId, { state: 'failed' });
    return 'dropped';
  }
  await deps.messages.settleDelivery(userId, messageId, {
    state: 'pending',
    retryAt: backoff(m.attempts + 1, deps.now()),
  });
  return 'retry';
}

async function askForCheck(deps: OutboxDeps, photoKey: string): Promise<'sent' | 'skipped' | 'retry' | 'dropped'> {
  const check = await deps.photoChecks.get(photoKey);
  if (check?.status !== 'queued') return 'skipped';
  if (!(await deps.photoChecks.claim(photoKey))) return 'skipped';
  if (!check.openid) {
    // Version 2 needs a WeChat user; staff entering a paper report have none to give.
    logger.info('Photo not checked: no openid', { photoKey });
    await deps.photoChecks.settle(photoKey, { status: 'skipped' });
    return 'dropped';
  }
  try {
    const mediaUrl = await deps.photos.presignGet(photoKey, MEDIA_URL_SECONDS);
    const { traceId } = await deps.wechat.mediaCheckAsync({ openid: check.openid, mediaUrl, scene: 3 });
    await deps.photoChecks.sent(photoKey, traceId, deps.now());
    return 'sent';
  } catch (error) {
    const failure = wechatFailureOf(error);
    logger.warn('Photo check not started', { ...upstreamLogFields(error), attempt: check.attempts + 1 });
    const permanent = failure?.errcode !== undefined && PERMANENT.has(failure.errcode);
    if (permanent || check.attempts + 1 >= MAX_ATTEMPTS) {
      await deps.photoChecks.settle(photoKey, { status: 'failed' });
      return 'dropped';
    }
    await deps.photoChecks.settle(photoKey, { status: 'queued', retryAt: backoff(check.attempts + 1, deps.now()) });
    return 'retry';
  }
}

/**
 * The order to work in: oldest first (ids are time-sortable), except that
 * messages of one person and template, which compete for the same scarce
 * consents, take their turns by priority (办结 before 受理).
 */
export function deliveryOrder(entries: readonly OutboxEntry[]): OutboxEntry[] {
  const key = (e: OutboxEntry) => (e.outbox === 'message' ? e.messageId : e.photoKey);
  const ordered = [...entries].sort((a, b) => key(a).localeCompare(key(b)));
  const groups = new Map<string, number[]>();
  ordered.forEach((e, i) => {
    if (e.outbox !== 'message') return;
    const group = `${e.userId}#${e.template}`;
    groups.set(group, [...(groups.get(group) ?? []), i]);
  });
  const result = [...ordered];
  for (const slots of groups.values()) {
    const byPriority = slots
      .map((i) => ordered[i] as Extract<OutboxEntry, { outbox: 'message' }>)
      .sort((a, b) => b.priority - a.priority);
    slots.forEach((slot, n) => {
      result[slot] = byPriority[n] as OutboxEntry;
    });
  }
  return result;
}

/** Works through outbox entries in `deliveryOrder`; one entry's failure never stops the rest. */
export async function processOutbox(deps: OutboxDeps, entries: readonly OutboxEntry[]) {
  const ordered = deliveryOrder(entries);
  const tally = { sent: 0, skipped: 0, retry: 0, dropped: 0, failed: 0 };
  for (const entry of ordered) {
    try {
      const outcome =
        entry.outbox === 'message'
          ? await deliver(deps, entry.userId, entry.messageId)
          : await askForCheck(deps, entry.photoKey);
      tally[outcome]++;
      if (entry.outbox === 'message' && outcome === 'sent') countMetric(NOTIFICATIONS_SENT);
      if (entry.outbox === 'message' && outcome === 'dropped') countMetric(NOTIFICATIONS_REFUSED);
    } catch (error) {
      // Our own store failed; the entry stays claimed or pending and the sweep looks again.
      tally.failed++;
      logger.error('Outbox entry failed', { outbox: entry.outbox, error: error as Error });
    }
  }
  return tally;
}

/** Due outbox entries read at a time. */
const BATCH = 100;

/** The sweep: outbox entries whose retry is due, by key query on the sparse outbox index, batch after batch within its budget. */
export function outboxSweep(deps: () => OutboxDeps) {
  return {
    name: 'outbox',
    async run(now: Date, budget: SweepBudget) {
      const d = deps();
      let changed = 0;
      for (;;) {
        const page = await d.messages.dueOutbox(now, BATCH);
        const tally = await processOutbox(
          d,
          page.map(entryOf).filter((e) => e !== undefined),
        );
        changed += tally.sent;
        // A short page was the last; a page that moved nothing would only come back the same.
        if (page.length < BATCH || tally.sent + tally.retry + tally.dropped === 0) return { changed };
        if (budget.spent()) return { changed, more: true };
      }
    },
  };
}
