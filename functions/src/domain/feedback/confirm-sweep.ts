/**
 * The follow-up sweep: a resolved report waits for its reporter (确认 or
 * 未解决) for the community's window. The sweep finds what is due by key query
 * on the sparse follow-up partition (never Scan), reminds the reporter once
 * (09:00, two days before the closing day: `confirmWindow`), and at the end
 * of the window closes the report as 系统自动确认, without a rating. Each step
 * is a timeline event written on the version the sweep read, so a second run,
 * or the resident's own answer in between, wins over a stale step.
 *
 * Reports resolved before the window existed have none: once per community
 * the sweep gives each its window from that day (so its reporter still gets
 * the reminder before it closes), then marks the community done.
 */
import { AppError, confirmWindow, type FeedbackStatus, formatDeadline, systemNextStatus } from '@linli/shared';
import type { EventRecord, ReportRecord } from '../../data/feedback.js';
import { newId } from '../../data/keys.js';
import { logger } from '../../http/route-handler.js';
import type { SweepBudget } from '../sweep-budget.js';
import { feedbackMessages } from './messages.js';
import { type CommunitiesSweep, type SweepDeps, sweepCommunities } from './sweep.js';

const REPORTS_PAGE = 100;

type Step = { after: ReportRecord; event: EventRecord; notice: 'confirm_reminder' | 'auto_confirmed' };

/** What the sweep does to one resolved report at `now`; undefined when nothing is due (yet) or it moved on. */
export function confirmStep(r: ReportRecord, now: Date): Step | undefined {
  const at = now.toISOString();
  if (r.status !== 'resolved' || !r.confirmBy || !r.nextCheckAt || r.nextCheckAt > at) return undefined;
  const event = (kind: string, text: string, statusAfter: FeedbackStatus): EventRecord => ({
    eventId: newId(now),
    at,
    kind,
    actorId: null,
    actorName: '系统',
    actorRole: 'system',
    visibility: 'public',
    text,
    photos: [],
    statusAfter,
  });
  const by = formatDeadline(r.confirmBy, { now });
  if (r.confirmBy <= at) {
    const closed = systemNextStatus('auto_confirm', r.status);
    if (!closed) return undefined;
    return {
      after: { ...r, status: closed, closedAt: at, closure: 'auto', nextCheckAt: null },
      event: event('auto_confirmed', `居民在 ${by} 前未确认，系统自动确认办结（无评价）`, closed),
      notice: 'auto_confirmed',
    };
  }
  // The reminder is due; the next look is the close itself, so a second run cannot remind again.
  return {
    after: { ...r, nextCheckAt: r.confirmBy },
    event: event('confirm_reminded', `已提醒居民确认处理结果；${by} 前未确认将系统自动确认`, r.status),
    notice: 'confirm_reminder',
  };
}

/** A window for a report resolved before windows existed, counted from `now`; undefined when it has one. */
export function windowStep(r: ReportRecord, now: Date, days: number): Omit<Step, 'notice'> | undefined {
  if (r.status !== 'resolved' || r.confirmBy) return undefined;
  const window = confirmWindow(now, days);
  const by = formatDeadline(window.confirmBy, { now });
  return {
    after: { ...r, confirmBy: window.confirmBy, nextCheckAt: window.remindAt },
    event: {
      eventId: newId(now),
      at: now.toISOString(),
      kind: 'confirm_window',
      actorId: null,
      actorName: '系统',
      actorRole: 'system',
      visibility: 'public',
      text: `请确认处理结果：${by} 前未确认将系统自动确认`,
      photos: [],
      statusAfter: r.status,
    },
  };
}

/** Gives every resolved report of the community without a window its window; false when the budget ran out first. */
async function backfillCommunity(
  deps: SweepDeps,
  communityId: string,
  now: Date,
  budget: Pick<SweepBudget, 'spent'>,
): Promise<boolean> {
  if (await deps.feedback.followUpBackfilled(communityId)) return true;
  const settings = await deps.communities.getSettings(communityId);
  if (!settings) return true;
  let cursor: string | undefined;
  do {
    if (budget.spent()) return false;
    const page = await deps.feedback.listQueue(
      communityId,
      { kind: 'community' },
      true,
      { statuses: ['resolved'] },
      cursor,
      REPORTS_PAGE,
    );
    for (const report of page.items) {
      const step = windowStep(report, now, settings.followUp.confirmDays);
      if (!step) continue;
      try {
        await deps.feedback.update(report, step.after, step.event, undefined, now);
      } catch (error) {
        // Confirmed, reopened or followed up meanwhile: it needs no window any more.
        if (!(error instanceof AppError && error.code === 'FEEDBACK_CHANGED')) throw error;
      }
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  await deps.feedback.markFollowUpBackfilled(communityId);
  return true;
}

async function sweepReport(deps: SweepDeps, r: ReportRecord, now: Date): Promise<boolean> {
  const step = confirmStep(r, now);
  if (!step) return false;
  const drafts = await feedbackMessages(deps, step.after, step.notice, now.toISOString(), null, null);
  try {
    // Written only on the version read: a confirmation, a reopening or another sweep since then wins.
    const written = await deps.feedback.update(r, step.after, step.event, undefined, now, undefined, [
      ...deps.messages.messageItems(drafts, now),
    ]);
    return !written.replayed;
  } catch (error) {
    if (error instanceof AppError && error.code === 'FEEDBACK_CHANGED') return false;
    throw error;
  }
}

async function sweepCommunity(deps: SweepDeps, communityId: string, now: Date, budget: Pick<SweepBudget, 'spent'>) {
  let changed = 0;
  let failed = 0;
  if (!(await backfillCommunity(deps, communityId, now, budget))) return { changed, failed, more: true };
  for (;;) {
    // What was reminded is due again only at its close, what was closed never: each page is new work.
    const due = await deps.feedback.confirmDue(communityId, now.toISOString(), REPORTS_PAGE);
    let progressed = 0;
    for (const report of due) {
      if (budget.spent()) return { changed, failed, more: true };
      try {
        if (await sweepReport(deps, report, now)) {
          changed++;
          progressed++;
        }
      } catch (error) {
        failed++;
        logger.error('Follow-up sweep failed on a report', {
          communityId,
          reportId: report.reportId,
          error: error as Error,
        });
      }
    }
    // A short page was the last; a page where nothing moved (all failed or raced) is left for the next tick.
    if (due.length < REPORTS_PAGE || progressed === 0) return { changed, failed, more: false };
  }
}

const SWEEP: CommunitiesSweep = { name: 'feedback-follow-up', what: 'Follow-up sweep' };

/** One pass over every community's resolved reports due a reminder or their automatic close, as if it were `now`. */
export function sweepConfirmations(
  deps: SweepDeps,
  now: Date,
  budget: Pick<SweepBudget, 'spent'> = { spent: () => false },
): Promise<{ changed: number; more?: boolean }> {
  return sweepCommunities(deps, SWEEP, now, budget, (c) => sweepCommunity(deps, c.communityId, now, budget));
}

/** The sweep as the scheduled job runs it; dependencies are built on the first run. */
export function feedbackConfirmSweep(deps: () => SweepDeps) {
  return {
    name: SWEEP.name,
    run: (now: Date, budget: SweepBudget) => sweepConfirmations(deps(), now, budget),
  };
}
