import {
  type ActorFacts,
  allowedActions,
  canSeeAsStaff,
  canSeeReporterPhone,
  FEEDBACK_ACTION_LABELS,
  FEEDBACK_STATUS_LABELS,
  type FeedbackEvent,
  type FeedbackReport,
  type ReportFacts,
} from '@linli/shared';
import type { EventRecord, ReportRecord } from '../../data/feedback.js';

export interface PhotoUrls {
  presignGet(key: string): Promise<string>;
}

export function factsOf(r: ReportRecord): ReportFacts {
  return {
    status: r.status,
    reporterId: r.reporterId,
    gridId: r.gridId,
    assignee: r.assignee,
    escalated: r.escalated,
    streetId: r.escalatedStreetId ?? null,
    supporterIds: r.supporterIds,
  };
}

/** Overdue: still open and past a deadline (acceptance too), whether or not the sweep has marked it yet. */
export function isOverdue(r: ReportRecord, now: Date): boolean {
  const iso = now.toISOString();
  if (r.status === 'submitted') return r.overdue || (!!r.acceptBy && r.acceptBy <= iso);
  if (!['accepted', 'dispatched', 'in_progress'].includes(r.status)) return false;
  const respondMissed =
    r.respondBy !== null && r.respondBy < iso && r.respondedAt === null && r.respondKind === 'on_site';
  return r.overdue || respondMissed || (r.resolveBy !== null && r.resolveBy < iso);
}

/**
 * Photos as the caller may see them: one WeChat's check judged risky is
 * left out for residents and shown to staff marked `hidden`.
 */
const photos = (urls: PhotoUrls, keys: string[], risky: readonly string[], staff: boolean) =>
  Promise.all(
    keys
      .filter((key) => staff || !risky.includes(key))
      .map(async (key) => ({
        key,
        url: await urls.presignGet(key),
        ...(risky.includes(key) ? { hidden: true as const } : {}),
      })),
  );

/** The report as the caller sees it, with the actions the state machine gives them now. */
export async function reportView(
  r: ReportRecord,
  actor: ActorFacts,
  urls: PhotoUrls,
  now: Date,
): Promise<FeedbackReport> {
  return {
    reportId: r.reportId,
    communityId: r.communityId,
    category: r.category,
    categoryLabel: r.categoryLabel,
    description: r.description,
    photos: await photos(urls, r.photos, r.riskyPhotos ?? [], canSeeAsStaff(actor, factsOf(r))),
    // A pin can be a home's window: the reporter and the staff see it, neighbours the building as before.
    location: {
      ...r.location,
      point: r.reporterId === actor.userId || canSeeAsStaff(actor, factsOf(r)) ? (r.location.point ?? null) : null,
    },
    gridId: r.gridId,
    channel: r.channel,
    anonymous: r.anonymous,
    reporterName: r.reporterName,
    reporterPhone: canSeeReporterPhone(actor, factsOf(r)) ? r.reporterPhone : null,
    reporterEmail: canSeeReporterPhone(actor, factsOf(r)) ? (r.reporterEmail ?? null) : null,
    mediaUrl: canSeeAsStaff(actor, factsOf(r)) ? (r.mediaUrl ?? null) : null,
    details: r.details ?? [],
    isMine: r.reporterId === actor.userId,
    status: r.status,
    statusLabel: FEEDBACK_STATUS_LABELS[r.status],
    urgency: r.urgency,
    repair: r.repair,
    acceptBy: r.acceptBy ?? null,
    respondBy: r.respondBy,
    respondKind: r.respondKind,
    resolveBy: r.resolveBy,
    overdue: isOverdue(r, now),
    escalated: r.escalated,
    committeeBy: canSeeAsStaff(actor, factsOf(r)) ? (r.committeeBy ?? null) : null,
    streetEscalatedAt: r.streetEscalatedAt ?? null,
    assignee: r.assignee,
    supporters: r.supporterIds.length,
    rating: r.rating,
    // Closed before the closure was kept: only its reporter could close it then.
    closure: r.status === 'closed' ? (r.closure ?? 'resident') : null,
    confirmBy: r.status === 'resolved' ? (r.confirmBy ?? null) : null,
    createdAt: r.createdAt,
    acceptedAt: r.acceptedAt,
    respondedAt: r.respondedAt,
    resolvedAt: r.resolvedAt,
    closedAt: r.closedAt,
    allowedActions: allowedActions(actor, factsOf(r)),
  };
}

const EVENT_LABELS: Record<string, string> = {
  ...FEEDBACK_ACTION_LABELS,
  submitted: '提交反映',
  overdue: '已超时',
  reminded: '催办提醒',
  auto_escalated: '超时上报社区',
  committee_deadline: '设定社区办结时限',
  reaccepted: '重新受理',
  confirm_window: '设定确认期限',
  confirm_reminded: '提醒确认',
  auto_confirmed: '系统自动确认',
  contacts_erased: '删除反映人信息',
};

export async function eventView(
  e: EventRecord,
  urls: PhotoUrls,
  risky: readonly string[] = [],
  staff = false,
): Promise<FeedbackEvent> {
  return {
    eventId: e.eventId,
    at: e.at,
    kind: e.kind as FeedbackEvent['kind'],
    label: EVENT_LABELS[e.kind] ?? e.kind,
    actor: { name: e.actorName, role: e.actorRole },
    visibility: e.visibility,
    text: e.text,
    photos: await photos(urls, e.photos, risky, staff),
    statusAfter: e.statusAfter,
  };
}
