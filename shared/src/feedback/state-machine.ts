/**
 * The feedback box's state machine: which action may whom take in which
 * state. The handlers enforce it; the mini-program asks it which buttons to
 * show. One table, both ends.
 */
import type { Role } from '../roles.js';

export const FEEDBACK_STATUSES = [
  'submitted',
  'accepted',
  'dispatched',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '已派单',
  in_progress: '处理中',
  resolved: '待确认',
  closed: '已办结',
  rejected: '不予受理',
  withdrawn: '已撤回',
};

export const OPEN_STATUSES: readonly FeedbackStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress'];
export const isOpen = (status: FeedbackStatus) => OPEN_STATUSES.includes(status);

/** Who works on a report after dispatch. */
export type Assignee =
  | { kind: 'grid_worker'; userId: string; name: string }
  | { kind: 'property'; name: string }
  /** A unit with an account (`unitId`: its members work it in the app), or a name only (reports from before units). */
  | { kind: 'unit'; unitId?: string; name: string }
  | { kind: 'committee'; name: string }
  /** Escalated a second time ("吹哨"): the street office dispatches it to a unit. */
  | { kind: 'street'; streetId: string; name: string };

export const FEEDBACK_ACTIONS = [
  'withdraw',
  'accept',
  'reject',
  'dispatch',
  'arrive',
  'resolve',
  'escalate',
  'whistle',
  'note',
  'reply',
  'confirm',
  'reopen',
  'join',
  'follow_up',
] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

export const FEEDBACK_ACTION_LABELS: Record<FeedbackAction, string> = {
  withdraw: '撤回',
  accept: '受理',
  reject: '不予受理',
  dispatch: '派单',
  arrive: '已到场',
  resolve: '办结',
  escalate: '上报社区',
  whistle: '吹哨上报街道',
  note: '内部备注',
  reply: '公开回复',
  confirm: '确认解决',
  reopen: '未解决',
  join: '我也遇到',
  follow_up: '回访',
};

/** How staff reached the resident for a follow-up (回访). */
export const FOLLOW_UP_CHANNELS = ['phone', 'visit'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];
export const FOLLOW_UP_CHANNEL_LABELS: Record<FollowUpChannel, string> = { phone: '电话', visit: '上门' };

/** What the resident said when staff followed up: satisfied closes (with their rating), unsatisfied reopens. */
export const FOLLOW_UP_VERDICTS = ['satisfied', 'unsatisfied'] as const;
export type FollowUpVerdict = (typeof FOLLOW_UP_VERDICTS)[number];
export const FOLLOW_UP_VERDICT_LABELS: Record<FollowUpVerdict, string> = { satisfied: '满意', unsatisfied: '不满意' };

/** How a closed report was closed: the resident confirmed, staff recorded their verdict (回访), or the window ran out. */
export const FEEDBACK_CLOSURES = ['resident', 'follow_up', 'auto'] as const;
export type FeedbackClosure = (typeof FEEDBACK_CLOSURES)[number];
export const FEEDBACK_CLOSURE_LABELS: Record<FeedbackClosure, string> = {
  resident: '居民确认',
  follow_up: '回访确认',
  auto: '系统自动确认',
};

/**
 * Transitions nobody takes by hand: the sweep takes them when a deadline
 * passes. `auto_confirm`: a resolved report its reporter neither confirmed nor
 * reopened within the community's window closes, without a rating.
 */
export const SYSTEM_TRANSITIONS = {
  auto_confirm: { from: ['resolved'], to: 'closed' },
} as const satisfies Record<string, { from: readonly FeedbackStatus[]; to: FeedbackStatus }>;
export type SystemTransition = keyof typeof SYSTEM_TRANSITIONS;

/** The status a system transition leads to from `status`; null when it does not apply there (the report moved on). */
export function systemNextStatus(transition: SystemTransition, status: FeedbackStatus): FeedbackStatus | null {
  const t = SYSTEM_TRANSITIONS[transition];
  return (t.from as readonly FeedbackStatus[]).includes(status) ? t.to : null;
}

/** The facts of a report the rules look at. */
export interface ReportFacts {
  status: FeedbackStatus;
  reporterId: string | null;
  gridId: string | null;
  assignee: Assignee | null;
  escalated: boolean;
  /** The street office it was escalated on to ("吹哨"); null while it was not. */
  streetId: string | null;
  supporterIds: readonly string[];
}

/**
 * The caller as the rules see them: their roles and grids in the report's
 * community, or the units they work for, or the street office they act for.
 */
export interface ActorFacts {
  userId: string;
  roles: readonly Role[];
  gridIds: readonly string[];
  /** Units the caller acts for here (a unit member working their unit's queue). */
  unitIds?: readonly string[];
  /** Street offices the caller acts for (a street admin working the street's desk). */
  streetIds?: readonly string[];
}

const is = (actor: ActorFacts, role: Role) => actor.roles.includes(role);
/** The caller acts for the street office the report was escalated to. */
const forItsStreet = (actor: ActorFacts, report: ReportFacts) =>
  report.streetId !== null && actor.streetIds?.includes(report.streetId) === true;

/** Staff who own the report's grid (the first to act) or admins; once on the street's desk, the street office. */
function dispatcher(actor: ActorFacts, report: ReportFacts): boolean {
  if (report.streetId !== null) return forItsStreet(actor, report);
  if (is(actor, 'admin')) return true;
  // Once escalated, the community committee decides, not the grid.
  return (
    !report.escalated && is(actor, 'grid_worker') && report.gridId !== null && actor.gridIds.includes(report.gridId)
  );
}

/** Whoever the report was dispatched to. */
function assignee(actor: ActorFacts, report: ReportFacts): boolean {
  const a = report.assignee;
  if (!a) return false;
  if (a.kind === 'grid_worker') return a.userId === actor.userId;
  if (a.kind === 'property') return is(actor, 'property_staff');
  if (a.kind === 'unit' && a.unitId) return actor.unitIds?.includes(a.unitId) === true;
  if (a.kind === 'street') return false;
  // A unit without an account and the committee do not use the app: their dispatcher records for them.
  return dispatcher(actor, report);
}

/** The report was given to a unit that works it in the app (the community records nothing for it). */
const withUnit = (report: ReportFacts) => report.assignee?.kind === 'unit' && Boolean(report.assignee.unitId);

/** Staff who may read the report at all. */
export function canSeeAsStaff(actor: ActorFacts, report: ReportFacts): boolean {
  return (
    is(actor, 'admin') ||
    forItsStreet(actor, report) ||
    (is(actor, 'grid_worker') && report.gridId !== null && actor.gridIds.includes(report.gridId)) ||
    assignee(actor, report)
  );
}

/**
 * Staff who may see (and call) the number a reporter left: admins, and whoever
 * the report is dispatched to (the grid worker named, property staff when it
 * went to the property company). Everyone else gets no number.
 */
export function canSeeReporterPhone(actor: ActorFacts, report: ReportFacts): boolean {
  if (is(actor, 'admin')) return true;
  const a = report.assignee;
  if (a?.kind === 'grid_worker') return a.userId === actor.userId;
  // A unit goes on site: its members may call the reporter, as the grid worker does.
  if (a?.kind === 'unit' && a.unitId) return actor.unitIds?.includes(a.unitId) === true;
  return a?.kind === 'property' && is(actor, 'property_staff');
}

type Rule = { from: readonly FeedbackStatus[] | 'any'; who: (actor: ActorFacts, report: ReportFacts) => boolean };

const RULES: Record<FeedbackAction, Rule> = {
  withdraw: { from: ['submitted'], who: (a, r) => r.reporterId === a.userId },
  accept: { from: ['submitted'], who: dispatcher },
  reject: { from: ['submitted', 'accepted'], who: dispatcher },
  dispatch: { from: ['accepted', 'dispatched', 'in_progress'], who: dispatcher },
  arrive: { from: ['dispatched'], who: (a, r) => assignee(a, r) || is(a, 'admin') },
  resolve: { from: ['dispatched', 'in_progress'], who: (a, r) => assignee(a, r) || is(a, 'admin') },
  escalate: {
    from: ['accepted', 'dispatched', 'in_progress'],
    who: (a, r) => !r.escalated && (dispatcher(a, r) || assignee(a, r)),
  },
  // 吹哨: what the community committee cannot solve goes on to the street office, which dispatches it to a unit.
  whistle: {
    from: ['accepted', 'dispatched', 'in_progress'],
    who: (a, r) => r.escalated && r.streetId === null && is(a, 'admin'),
  },
  note: { from: 'any', who: canSeeAsStaff },
  reply: {
    from: ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'closed', 'rejected'],
    who: canSeeAsStaff,
  },
  confirm: { from: ['resolved'], who: (a, r) => r.reporterId === a.userId },
  reopen: { from: ['resolved'], who: (a, r) => r.reporterId === a.userId },
  join: {
    from: OPEN_STATUSES,
    who: (a, r) => is(a, 'resident') && r.reporterId !== a.userId && !r.supporterIds.includes(a.userId),
  },
  // 回访: the staff who worked on it (as for resolve) or an admin record the resident's verdict for them.
  // A unit hands the follow-up back to the community: its staff know the resident.
  follow_up: {
    from: ['resolved'],
    who: (a, r) => r.reporterId !== a.userId && ((assignee(a, r) && !withUnit(r)) || is(a, 'admin')),
  },
};

/** Whether `actor` may take `action` on `report` now. */
export function canTake(action: FeedbackAction, actor: ActorFacts, report: ReportFacts): boolean {
  const rule = RULES[action];
  return (rule.from === 'any' || rule.from.includes(report.status)) && rule.who(actor, report);
}

/** Every action `actor` may take now: the buttons a page shows. */
export function allowedActions(actor: ActorFacts, report: ReportFacts): FeedbackAction[] {
  return FEEDBACK_ACTIONS.filter((action) => canTake(action, actor, report));
}

/** Whether `action` is allowed in `status` for anyone at all (wrong state → 409, not 403). */
export function actionFitsStatus(action: FeedbackAction, status: FeedbackStatus): boolean {
  const from = RULES[action].from;
  return from === 'any' || from.includes(status);
}

/**
 * The status an action leads to; actions that only add to the timeline keep it.
 * A follow-up goes where the resident's own answer would: satisfied as 确认, unsatisfied as 未解决.
 */
export function nextStatus(action: FeedbackAction, current: FeedbackStatus, verdict?: FollowUpVerdict): FeedbackStatus {
  switch (action) {
    case 'follow_up':
      return verdict === 'unsatisfied' ? 'accepted' : 'closed';
    case 'withdraw':
      return 'withdrawn';
    case 'accept':
      return 'accepted';
    case 'reject':
      return 'rejected';
    case 'dispatch':
      return 'dispatched';
    case 'arrive':
      return 'in_progress';
    case 'resolve':
      return 'resolved';
    case 'confirm':
      return 'closed';
    case 'reopen':
      return 'accepted';
    default:
      return current;
  }
}
