/**
 * The contact sweep: a reporter without an account (Open311, a hotline call,
 * a paper slip) left a name and a way to reach them for the follow-up. Once
 * the report has been closed CONTACT_RETENTION_DAYS, the sweep removes the
 * name, phone and email, and says so on the staff's timeline; the report
 * stays for the figures. It finds what is due by key query on the sparse
 * contact partition (never Scan); each erasure is written on the version it
 * read, and takes the report out of that partition, so it happens once.
 */
import { AppError, CONTACT_ERASED_NAME, CONTACT_RETENTION_DAYS, contactsUntil } from '@linli/shared';
import type { EventRecord, ReportRecord } from '../../data/feedback.js';
import { newId } from '../../data/keys.js';
import { logger } from '../../http/route-handler.js';
import type { SweepBudget } from '../sweep-budget.js';
import { type CommunitiesSweep, type SweepDeps, sweepCommunities } from './sweep.js';

const REPORTS_PAGE = 100;

/** The report without its reporter's details at `now`; undefined when they are not due to go (or are gone). */
export function contactErasure(r: ReportRecord, now: Date): { after: ReportRecord; event: EventRecord } | undefined {
  const at = now.toISOString();
  if (r.status !== 'closed' || !r.closedAt || r.reporterId !== null || r.contactsErasedAt) return undefined;
  if (contactsUntil(r.closedAt) > at) return undefined;
  return {
    after: { ...r, reporterName: CONTACT_ERASED_NAME, reporterPhone: null, reporterEmail: null, contactsErasedAt: at },
    event: {
      eventId: newId(now),
      at,
      kind: 'contacts_erased',
      actorId: null,
      actorName: '系统',
      actorRole: 'system',
      visibility: 'internal',
      text: `办结满 ${CONTACT_RETENTION_DAYS} 天，已删除反映人的姓名和联系方式`,
      photos: [],
      statusAfter: r.status,
    },
  };
}

async function sweepCommunity(deps: SweepDeps, communityId: string, now: Date, budget: Pick<SweepBudget, 'spent'>) {
  let changed = 0;
  let failed = 0;
  for (;;) {
    const due = await deps.feedback.contactsDue(communityId, now.toISOString(), REPORTS_PAGE);
    let progressed = 0;
    for (const report of due) {
      if (budget.spent()) return { changed, failed, more: true };
      const step = contactErasure(report, now);
      if (!step) continue;
      try {
        await deps.feedback.update(report, step.after, step.event, undefined, now);
        changed++;
        progressed++;
      } catch (error) {
        if (error instanceof AppError && error.code === 'FEEDBACK_CHANGED') continue;
        failed++;
        logger.error('Contact sweep failed on a report', {
          communityId,
          reportId: report.reportId,
          error: error as Error,
        });
      }
    }
    if (due.length < REPORTS_PAGE || progressed === 0) return { changed, failed, more: false };
  }
}

const SWEEP: CommunitiesSweep = { name: 'feedback-contacts', what: 'Contact sweep' };

/** One pass over every community's closed reports whose account-less reporter's details are due to go at `now`. */
export function sweepContacts(
  deps: SweepDeps,
  now: Date,
  budget: Pick<SweepBudget, 'spent'> = { spent: () => false },
): Promise<{ changed: number; more?: boolean }> {
  return sweepCommunities(deps, SWEEP, now, budget, (c) => sweepCommunity(deps, c.communityId, now, budget));
}

/** The sweep as the scheduled job runs it; dependencies are built on the first run. */
export function feedbackContactSweep(deps: () => SweepDeps) {
  return {
    name: SWEEP.name,
    run: (now: Date, budget: SweepBudget) => sweepContacts(deps(), now, budget),
  };
}
