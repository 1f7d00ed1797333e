import { formatMinutes } from '../format.js';
import type { SlaPolicy } from '../schemas/community.js';
import { endOfShanghaiDayAfter } from '../time.js';
import { REPAIR_LABELS, type RepairSize, type Urgency } from './categories.js';
import type { FeedbackStatus } from './state-machine.js';

export interface Deadlines {
  /** Urgent: be on site by then; complex: have a plan by then; routine: none. */
  respondBy: string | null;
  respondKind: 'on_site' | 'plan' | null;
  /** Fixed (resolved) by then. */
  resolveBy: string;
}

const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

/**
 * When a report must be accepted (受理): `acceptMinutes[urgency]` after it
 * arrived, whatever the channel. A duration, so it runs through Shanghai
 * midnight like any other minute: an urgent report at 23:55 is due at 00:05.
 */
export function acceptDeadline(submittedAt: Date, urgency: Urgency, sla: SlaPolicy): string {
  return plus(submittedAt, sla.acceptMinutes[urgency]);
}

/**
 * The "1715" promise as deadlines, from the moment a report is accepted.
 * The rule (and what the 意见箱 tab promises, see `servicePromises`):
 * - urgent → on site within `urgentOnSiteMinutes`; complex → a plan within `complexPlanMinutes`;
 * - a repair of any urgency → fixed by the end (24:00) of the Shanghai day
 *   `repairDays[size]` days after the day of acceptance (small, 1 day: the
 *   next day's 24:00); a complex problem without a size counts as major;
 * - anything else (urgent or routine, no repair) → fixed within `routineFixMinutes`.
 */
export function deadlinesFor(acceptedAt: Date, urgency: Urgency, repair: RepairSize | null, sla: SlaPolicy): Deadlines {
  const repairBy = (size: RepairSize) => endOfShanghaiDayAfter(acceptedAt, sla.repairDays[size]).toISOString();
  switch (urgency) {
    case 'urgent':
      return {
        respondBy: plus(acceptedAt, sla.urgentOnSiteMinutes),
        respondKind: 'on_site',
        resolveBy: repair ? repairBy(repair) : plus(acceptedAt, sla.routineFixMinutes),
      };
    case 'routine':
      return {
        respondBy: null,
        respondKind: null,
        resolveBy: repair ? repairBy(repair) : plus(acceptedAt, sla.routineFixMinutes),
      };
    case 'complex':
      return {
        respondBy: plus(acceptedAt, sla.complexPlanMinutes),
        respondKind: 'plan',
        resolveBy: repairBy(repair ?? 'major'),
      };
  }
}

/** Which promise a deadline is: acceptance, on site, a plan, or the fix itself. */
export type DeadlineKind = 'accept' | 'on_site' | 'plan' | 'resolve';

/** The deadline as the person who must meet it says it (on a row: 受理时限, in a system text: 未在…前受理). */
export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  accept: '受理',
  on_site: '到达现场',
  plan: '给出处理方案',
  resolve: '办结',
};

/** What of a report says which deadlines are still to meet. */
export interface DeadlineFacts {
  status: FeedbackStatus;
  acceptBy: string | null;
  acceptedAt: string | null;
  respondBy: string | null;
  respondKind: 'on_site' | 'plan' | null;
  respondedAt: string | null;
  resolveBy: string | null;
}

const WORKING: readonly FeedbackStatus[] = ['accepted', 'dispatched', 'in_progress'];

/**
 * The deadlines still to meet, earliest first: acceptance while nobody has
 * accepted, then on site / a plan until that came, then the fix. A report
 * that is finished (or refused, or withdrawn) has none.
 */
export function pendingDeadlines(r: DeadlineFacts): { kind: DeadlineKind; at: string }[] {
  if (r.status === 'submitted') return r.acceptBy && !r.acceptedAt ? [{ kind: 'accept', at: r.acceptBy }] : [];
  if (!WORKING.includes(r.status)) return [];
  const pending: { kind: DeadlineKind; at: string }[] = [];
  if (r.respondBy && r.respondKind && !r.respondedAt) pending.push({ kind: r.respondKind, at: r.respondBy });
  if (r.resolveBy) pending.push({ kind: 'resolve', at: r.resolveBy });
  return pending.sort((a, b) => a.at.localeCompare(b.at));
}

/** "Within N days" of a repair, as `deadlinesFor` counts it: the day after acceptance is day 1, due at its 24:00. */
export function repairDaysText(days: number): string {
  return days === 1 ? '受理次日 24:00 前' : `受理后第 ${days} 天 24:00 前`;
}

/**
 * The service promise in words, from the community's own settings: what the
 * 意见箱 tab shows. Each line says what `acceptDeadline` and `deadlinesFor`
 * compute (a unit test holds them together).
 */
export function servicePromises(sla: SlaPolicy): { label: string; value: string }[] {
  const within = (minutes: number, from: '提交' | '受理') => `${from}后 ${formatMinutes(minutes)}内`;
  return [
    { label: '紧急问题，受理', value: within(sla.acceptMinutes.urgent, '提交') },
    { label: '一般问题，受理', value: within(sla.acceptMinutes.routine, '提交') },
    { label: '复杂问题，受理', value: within(sla.acceptMinutes.complex, '提交') },
    { label: '紧急问题，工作人员到场', value: within(sla.urgentOnSiteMinutes, '受理') },
    { label: '不需维修的紧急、一般问题，解决', value: within(sla.routineFixMinutes, '受理') },
    { label: '复杂问题，给出解决方案', value: within(sla.complexPlanMinutes, '受理') },
    ...(['small', 'medium', 'major'] as const).map((size) => ({
      label: `${REPAIR_LABELS[size]}${size === 'major' ? '（复杂问题未定规模的也按大修）' : ''}，修好`,
      value: repairDaysText(sla.repairDays[size]),
    })),
  ];
}

/** What a community sets unless it changes it: a resolved report closes by itself 7 days on. */
export const DEFAULT_CONFIRM_DAYS = 7;

const HOUR_MS = 3_600_000;
/** The reminder comes at a time an elderly resident is awake: 09:00 Shanghai. */
const REMINDER_HOUR = 9;

/**
 * The follow-up window of a resolved report, counted in Shanghai days as the
 * repair deadlines are (the day of resolution is day 0):
 * - `confirmBy`: the end (24:00) of day `days`; an unconfirmed report closes then
 *   as 系统自动确认 (resolved Monday 23:59 or 00:01, 7 days: the next Monday's 24:00);
 * - `remindAt`: 09:00 of day `days − 2` (two days before the closing day), but never
 *   earlier than day 1, so never before the resolution and always before `confirmBy`
 *   (7 days: day 5 09:00; 1 or 2 days: day 1 09:00).
 */
export function confirmWindow(resolvedAt: Date, days: number): { remindAt: string; confirmBy: string } {
  const remindDay = Math.max(days - 2, 1);
  return {
    remindAt: new Date(
      endOfShanghaiDayAfter(resolvedAt, remindDay - 1).getTime() + REMINDER_HOUR * HOUR_MS,
    ).toISOString(),
    confirmBy: endOfShanghaiDayAfter(resolvedAt, days).toISOString(),
  };
}
