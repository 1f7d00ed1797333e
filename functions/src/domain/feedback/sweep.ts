/**
 * The SLA sweep: finds reports whose deadline check is due (key query on the
 * sparse due index, never Scan; a report is on it from arrival, for its
 * acceptance deadline), marks the first breach overdue and reminds
 * whoever must act, escalates a second breach to the community's party
 * committee and, where the community has a street office, a third (the
 * committee's own deadline missed) on to the street ("吹哨"). Every step is an event in the timeline, written on the version
 * the sweep read: a second run, or a staff action in between, cannot apply a
 * step twice.
 */
import { AppError, DEADLINE_LABELS, formatDeadline } from '@linli/shared';
import type { CommunitiesRepository } from '../../data/communities.js';
import type { EventRecord, FeedbackRepository, ReportRecord } from '../../data/feedback.js';
import { newId } from '../../data/keys.js';
import type { MessagesRepository } from '../../data/messages.js';
import type { SweepCursorsRepository } from '../../data/sweep-cursors.js';
import { logger } from '../../http/route-handler.js';
import type { SweepBudget } from '../sweep-budget.js';
import { nextCheck, type StreetOf, secondDeadline, toCommittee } from './escalation.js';
import { feedbackMessages, type MessageDeps } from './messages.js';

export interface SweepDeps extends MessageDeps {
  feedback: FeedbackRepository;
  messages: Pick<MessagesRepository, 'messageItems'>;
  communities: Pick<CommunitiesRepository, 'list' | 'gridWorkers' | 'getSettings'>;
  /** Where each sweep of every community resumes on the next tick. */
  sweepCursors: SweepCursors;
}

const COMMUNITIES_PAGE = 25;

const SYSTEM = { actorId: null, actorName: '系统', actorRole: 'system' } as const;

/** A deadline in a system text, as every page writes it (midnight is 24:00 of the day before). */
const when = (iso: string, now: Date) => formatDeadline(iso, { now });

/** Which promise a deadline was: acceptance, on site, a plan, or the fix itself. */
function missed(r: ReportRecord, deadline: string): string {
  if (!r.acceptedAt) return DEADLINE_LABELS.accept;
  if (deadline === r.respondBy && deadline !== r.resolveBy)
    return DEADLINE_LABELS[r.respondKind === 'plan' ? 'plan' : 'on_site'];
  return DEADLINE_LABELS.resolve;
}

type Step = { after: ReportRecord; events: EventRecord[]; notice: 'reminder' | 'escalated' | 'whistled' };

/** What the sweep does to one due report at `now`; undefined when nothing is breached (yet). */
export function sweepStep(r: ReportRecord, communityName: string, now: Date, street?: StreetOf): Step | undefined {
  const at = now.toISOString();
  const base = newId(now);
  const event = (kind: string, visibility: EventRecord['visibility'], text: string, seq: number): EventRecord => ({
    // One id per write; a digit suffix keeps the events of one write in order on the timeline.
    eventId: `${base}${seq}`,
    at,
    kind,
    ...SYSTEM,
    visibility,
    text,
    photos: [],
    statusAfter: r.status,
  });

  if (r.breaches === 0) {
    // The earliest deadline still pending: a report on site in time is still due at its fix deadline.
    const deadline = nextCheck(r);
    if (!deadline || deadline > at) return undefined;
    const next = secondDeadline(r, deadline, now);
    const who = r.assignee?.name ?? '网格员';
    // Not accepted yet: the grid's workers are reminded to accept, and told when it goes to the committee.
    const task = r.acceptedAt ? '处理' : '受理';
    return {
      after: { ...r, overdue: true, breaches: 1, nextCheckAt: next },
      events: [
        event('overdue', 'public', `未在 ${when(deadline, now)} 前${missed(r, deadline)}`, 1),
        event('reminded', 'internal', `已提醒${who}尽快${task}；${when(next, now)} 前仍未${task}将上报社区`, 2),
      ],
      notice: 'reminder',
    };
  }
  if (r.breaches === 1) {
    const still = r.acceptedAt ? '仍超时' : '仍未受理';
    // The committee's own deadline, as long again; with a street above, the street is told when it is missed.
    const after = toCommittee({ ...r, overdue: true }, { name: communityName }, now, street);
    const then = street ? `；${when(after.committeeBy, now)} 前仍未办结将上报${street.name}` : '';
    return {
      after,
      events: [event('auto_escalated', 'public', `催办后${still}，已上报${communityName}党委${then}`, 1)],
      notice: 'escalated',
    };
  }
  if (r.breaches === 2 && street && !r.streetEscalatedAt && r.nextCheckAt && r.nextCheckAt <= at) {
    return {
      after: {
        ...r,
        assignee: { kind: 'street', streetId: street.streetId, name: street.name },
        streetEscalatedAt: at,
        escalatedStreetId: street.streetId,
        breaches: 3,
        nextCheckAt: null,
      },
      events: [event('auto_whistled', 'public', `社区协调后仍未办结，已吹哨上报${street.name}`, 1)],
      notice: 'whistled',
    };
  }
  // Nothing further to raise: the committee (or the street) has it.
  return undefined;
}

/** Applies the sweep to one report; false when it was not breached or someone else moved it first. */
async function sweepReport(deps: SweepDeps, r: ReportRecord, community: SweptCommunity, now: Date): Promise<boolean> {
  const street = community.streetId ? { streetId: community.streetId, name: community.street } : undefined;
  const step = sweepStep(r, community.name, now, street);
  if (!step) return false;
  const drafts = await feedbackMessages(deps, step.after, step.notice, now.toISOString(), null, null);
  try {
    const written = await deps.feedback.update(r, step.after, step.events, undefined, now, undefined, [
      ...deps.messages.messageItems(drafts, now),
    ]);
    if (written.replayed) return false;
  } catch (error) {
    // A staff action (or another sweep) changed the report since it was read: its state wins.
    if (error instanceof AppError && error.code === 'FEEDBACK_CHANGED') return false;
    throw error;
  }
  return true;
}

/** What the sweep knows of a community: its name (the committee's) and its street office. */
type SweptCommunity = { communityId: string; name: string; street: string; streetId?: string | undefined };

async function sweepCommunity(
  deps: SweepDeps,
  community: SweptCommunity,
  now: Date,
  budget: Pick<SweepBudget, 'spent'>,
) {
  const { communityId } = community;
  const due = await deps.feedback.due(communityId, now.toISOString());
  let changed = 0;
  let failed = 0;
  for (const report of due) {
    // What is marked or escalated is no longer due at that step: the next tick carries on.
    if (budget.spent()) return { changed, failed, more: true };
    try {
      if (await sweepReport(deps, report, community, now)) changed++;
    } catch (error) {
      failed++;
      logger.error('SLA sweep failed on a report', { communityId, reportId: report.reportId, error: error as Error });
    }
  }
  return { changed, failed, more: false };
}

/** What one community's pass of a report sweep did. */
export interface CommunityPass {
  changed: number;
  failed: number;
  more: boolean;
}

/** Where each sweep of every community resumes (`data/sweep-cursors.ts`), by sweep name. */
export type SweepCursors = Pick<SweepCursorsRepository, 'get' | 'put'>;

/** A cursor store that keeps nothing: every pass starts at the first page (a run that is never cut short). */
export const FROM_FIRST_PAGE: SweepCursors = { get: async () => undefined, put: async () => {} };

/** Which sweep of every community this is: the name its cursor is kept under, and how its failures read. */
export interface CommunitiesSweep {
  name: string;
  what: string;
}

/**
 * Runs `pass` on every community, a page of communities at a time (the page's
 * communities in parallel) while the budget lasts, starting where the same
 * sweep stopped on an earlier tick, so a backlog early in the list cannot keep
 * the communities after it waiting tick after tick.
 *
 * The rule for where it stops and resumes (the cursor is a page cursor of
 * `communities.list`, kept under the sweep's name):
 * - After the last page it wraps round to the first and carries on up to the
 *   first community it already swept this tick, so a tick that is not cut short
 *   visits every community once, wherever it started.
 * - A page where some community's pass said `more` (its share ran out within
 *   that community) is not done: the cursor stays at that page's start, and the
 *   next tick begins with that page again, the unfinished community first in line
 *   (its neighbours on the page find little or nothing left due).
 * - A page finished when the budget is spent moves the cursor to the next page.
 * - Back at the first page (the wrap reached, or a whole round done) the cursor
 *   is reset. A tick that starts at the first page and is never cut short reads
 *   the cursor once and writes nothing, as before the cursor existed.
 *
 * The others are still swept when a report fails; the run then fails (`what`,
 * with the counts) after keeping its cursor, which makes it visible in the
 * schedule's results.
 */
export async function sweepCommunities(
  deps: { communities: Pick<CommunitiesRepository, 'list'>; sweepCursors: SweepCursors },
  sweep: CommunitiesSweep,
  now: Date,
  budget: Pick<SweepBudget, 'spent'>,
  pass: (community: SweptCommunity) => Promise<CommunityPass>,
): Promise<{ changed: number; more?: boolean }> {
  const started = await deps.sweepCursors.get(sweep.name);
  const swept = new Set<string>();
  let changed = 0;
  let failed = 0;
  let cursor = started;
  let wrapped = false;
  let cut = false;
  for (;;) {
    const page = await deps.communities.list(cursor, COMMUNITIES_PAGE);
    // Round again from the first page: up to the first community this tick has already swept.
    const round = wrapped ? page.items.findIndex((c) => swept.has(c.communityId)) : -1;
    const items = round >= 0 ? page.items.slice(0, round) : page.items;
    const results = await Promise.all(items.map(pass));
    let more = false;
    for (const r of results) {
      changed += r.changed;
      failed += r.failed;
      more ||= r.more;
    }
    for (const c of items) swept.add(c.communityId);
    if (more) {
      cut = true;
      break;
    }
    if (round >= 0) {
      cursor = undefined;
      break;
    }
    cursor = page.cursor ?? undefined;
    if (!cursor) {
      // The last page: done, unless this tick started further on and the first pages are still to come.
      if (wrapped || started === undefined) break;
      wrapped = true;
    }
    if (budget.spent()) {
      cut = true;
      break;
    }
  }
  if (cursor !== started) await deps.sweepCursors.put(sweep.name, cursor, now);
  if (failed) throw new Error(`${sweep.what}: ${failed} report(s) failed, ${changed} changed`);
  return cut ? { changed, more: true } : { changed };
}

const SLA_SWEEP: CommunitiesSweep = { name: 'feedback-sla', what: 'SLA sweep' };

/** One pass over every community's due reports, as if it were `now`. */
export function sweepFeedbackDeadlines(
  deps: SweepDeps,
  now: Date,
  budget: Pick<SweepBudget, 'spent'> = { spent: () => false },
): Promise<{ changed: number; more?: boolean }> {
  return sweepCommunities(deps, SLA_SWEEP, now, budget, (c) => sweepCommunity(deps, c, now, budget));
}

/** The sweep as the scheduled job runs it; dependencies are built on the first run. */
export function feedbackSlaSweep(deps: () => SweepDeps) {
  return {
    name: SLA_SWEEP.name,
    run: (now: Date, budget: SweepBudget) => sweepFeedbackDeadlines(deps(), now, budget),
  };
}
