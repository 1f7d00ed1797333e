import {
  type Assignee,
  actionFitsStatus,
  BusinessRuleError,
  ConflictError,
  canSeeAsStaff,
  canTake,
  confirmWindow,
  deadlinesFor,
  FEEDBACK_ACTION_LABELS,
  FEEDBACK_STATUS_LABELS,
  type FeedbackActionBody,
  type FeedbackDetail,
  FOLLOW_UP_CHANNEL_LABELS,
  FOLLOW_UP_VERDICT_LABELS,
  type FollowUpBody,
  ForbiddenError,
  formatDateTime,
  formatDeadline,
  NotFoundError,
  nextStatus,
  ValidationError,
} from '@linli/shared';
import type { CommunityRecord } from '../../data/communities.js';
import type { EventRecord, ReportRecord } from '../../data/feedback.js';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import { checkPhotos } from './checks.js';
import type { Actor, FeedbackDeps } from './deps.js';
import { nextCheck, toCommittee } from './escalation.js';
import { type FeedbackNotice, feedbackMessages } from './messages.js';
import { reportPhotoChecks } from './photos.js';
import { detailFor, detailOf } from './queries.js';
import { factsOf } from './view.js';

async function assigneeFor(
  deps: FeedbackDeps,
  communityId: string,
  target: Extract<FeedbackActionBody, { action: 'dispatch' }>['target'],
): Promise<Assignee> {
  if (target.kind === 'property') return { kind: 'property', name: '物业' };
  if (target.kind === 'unit') {
    const unit = await deps.units.get(target.unitId);
    if (!unit?.communities.some((c) => c.communityId === communityId))
      throw new ValidationError([{ field: 'body.target.unitId', message: '没有为本社区服务的这个单位' }]);
    return { kind: 'unit', unitId: unit.unitId, name: unit.name };
  }
  const worker = await deps.users.getMembership(target.userId, communityId);
  const profile = worker?.roles.includes('grid_worker') ? await deps.users.getProfile(target.userId) : undefined;
  if (!profile) throw new ValidationError([{ field: 'body.target.userId', message: '该社区没有这位网格员' }]);
  return { kind: 'grid_worker', userId: profile.userId, name: profile.nickname };
}

/** A complex case counts as answered when a plan is given: a dispatch or a public reply. */
function planned(r: ReportRecord, at: string): string | null {
  return r.respondedAt ?? (r.respondKind === 'plan' && r.acceptedAt ? at : null);
}

/**
 * Once the sweep has found a breach it owns the next check (the second deadline); before that, the deadlines do.
 * A resolved report keeps its follow-up check (the reminder, then the automatic close).
 */
function watch(before: ReportRecord, after: ReportRecord): string | null {
  if (after.status === 'resolved') return before.nextCheckAt;
  return before.breaches > 0 ? before.nextCheckAt : nextCheck(after);
}

/** Every step a report can take through `actOnFeedback`: the actions of the events route and a follow-up (回访). */
export type FeedbackStep = FeedbackActionBody | ({ action: 'follow_up' } & FollowUpBody);

/** A follow-up in the timeline's words: "电话回访：满意，4 星（代居民评价）". */
export function followUpText(b: FollowUpBody): string {
  const how = `${FOLLOW_UP_CHANNEL_LABELS[b.channel]}回访：${FOLLOW_UP_VERDICT_LABELS[b.verdict]}`;
  if (b.verdict === 'unsatisfied') return `${how}，${b.note}`;
  return `${how}，${b.rating} 星（代居民评价）${b.note ? `。${b.note}` : ''}`;
}

/** Back to the grid with fresh deadlines: the fix did not hold (the resident said so, or told staff at a follow-up). */
function reopened(r: ReportRecord, community: CommunityRecord, now: Date) {
  const at = now.toISOString();
  const d = deadlinesFor(now, r.urgency, r.repair, community.settings.sla);
  const after = {
    ...r,
    status: nextStatus('reopen', r.status),
    ...d,
    assignee: null,
    acceptedAt: at,
    respondedAt: null,
    resolvedAt: null,
    resolution: null,
    confirmBy: null,
    committeeBy: null,
  };
  return { ...after, breaches: 0, overdue: false, nextCheckAt: nextCheck(after) };
}

type Change = {
  after: ReportRecord;
  text: string | null;
  photos: string[];
  internal?: boolean;
  notice?: FeedbackNotice;
  /** A system event right after the action's own, saying what the action restarted. */
  system?: { kind: string; text: string };
};

/** What restarted on a reopen, in words: the new acceptance time and deadlines. */
function restartedText(after: ReportRecord, previous: string | null): string {
  const now = after.acceptedAt ?? undefined;
  const at = (iso: string) => formatDeadline(iso, { now });
  const respond =
    after.respondBy && after.respondKind
      ? `${after.respondKind === 'plan' ? '给出方案' : '到场'}期限 ${at(after.respondBy)} 前，`
      : '';
  const resolve = after.resolveBy ? `办结期限 ${at(after.resolveBy)} 前` : '';
  const was = previous ? `（原受理时间 ${formatDateTime(previous, { now })}）` : '';
  return `居民反映未解决，重新受理${was}：${respond}${resolve}`;
}

/** What one action does to a report: a pure step but for the look-ups it needs. */
async function apply(
  deps: FeedbackDeps,
  community: CommunityRecord,
  r: ReportRecord,
  actor: Actor,
  body: FeedbackStep,
  now: Date,
): Promise<Change> {
  const at = now.toISOString();
  const base = {
    ...r,
    status: nextStatus(body.action, r.status, body.action === 'follow_up' ? body.verdict : undefined),
  };
  switch (body.action) {
    case 'accept': {
      const urgency = body.urgency ?? r.urgency;
      const repair = body.repair === undefined ? r.repair : body.repair;
      const d = deadlinesFor(now, urgency, repair, community.settings.sla);
      const after = { ...base, urgency, repair, ...d, acceptedAt: at, respondedAt: null, breaches: 0, overdue: false };
      return { after: { ...after, nextCheckAt: nextCheck(after) }, text: null, photos: [], notice: 'accepted' };
    }
    case 'reject':
      return { after: { ...base, nextCheckAt: null }, text: body.reason, photos: [], notice: 'rejected' };
    case 'withdraw':
      return { after: { ...base, nextCheckAt: null }, text: body.reason ?? null, photos: [] };
    case 'dispatch': {
      const assignee = await assigneeFor(deps, r.communityId, body.target);
      const text = `派给${assignee.name}${body.note ? `：${body.note}` : ''}`;
      const after = { ...base, assignee, respondedAt: planned(r, at) };
      return { after: { ...after, nextCheckAt: watch(r, after) }, text, photos: [], notice: 'dispatched' };
    }
    case 'arrive': {
      const after = { ...base, respondedAt: r.respondedAt ?? at };
      return { after: { ...after, nextCheckAt: watch(r, after) }, text: body.note ?? null, photos: [] };
    }
    case 'resolve': {
      await checkPhotos(deps, r.communityId, body.photos, ['proof', 'feedback'], 'body.photos');
      if (r.repair && body.photos.length === 0)
        throw new BusinessRuleError('PROOF_REQUIRED', '维修类问题办结时请上传现场照片', [
          { field: 'body.photos', message: '请至少上传一张处理后的照片' },
        ]);
      // The reporter has the community's window to confirm or reopen; the follow-up sweep reminds, then closes.
      const window = confirmWindow(now, community.settings.followUp.confirmDays);
      const after = {
        ...base,
        resolvedAt: at,
        resolution: { note: body.note, photos: body.photos },
        confirmBy: window.confirmBy,
        nextCheckAt: window.remindAt,
      };
      return { after, text: body.note, photos: body.photos, notice: 'resolved' };
    }
    case 'escalate': {
      // The committee's own deadline; with a street above, the sweep blows the whistle when it is missed.
      const street = community.streetId ? { streetId: community.streetId, name: community.street } : undefined;
      const after = toCommittee(base, { name: community.name, sla: community.settings.sla }, now, street);
      const then = street ? `；届时仍未办结将上报${street.name}` : '';
      return {
        after,
        text: body.reason,
        photos: [],
        notice: 'escalated',
        system: {
          kind: 'committee_deadline',
          text: `社区办结时限 ${formatDeadline(after.committeeBy, { now })} 前${then}`,
        },
      };
    }
    case 'whistle': {
      if (!community.streetId) throw new BusinessRuleError('FEEDBACK_NO_STREET', '本社区没有上级街道，不能吹哨上报');
      const street = { kind: 'street' as const, streetId: community.streetId, name: community.street };
      return {
        // On the street's desk now: the committee's deadline is no longer watched.
        after: {
          ...base,
          assignee: street,
          streetEscalatedAt: at,
          escalatedStreetId: street.streetId,
          nextCheckAt: null,
        },
        text: body.reason,
        photos: [],
        notice: 'whistled',
      };
    }
    case 'note':
      return { after: base, text: body.text, photos: [], internal: true };
    case 'reply': {
      const template = body.templateId
        ? community.settings.feedback.replyTemplates.find((t) => t.templateId === body.templateId)
        : undefined;
      if (body.templateId && !template)
        throw new ValidationError([{ field: 'body.templateId', message: '没有这个回复模板' }]);
      const after = { ...base, respondedAt: planned(r, at) };
      return {
        after: { ...after, nextCheckAt: watch(r, after) },
        text: body.text ?? template?.text ?? '',
        photos: [],
        notice: 'replied',
      };
    }
    case 'confirm':
      return {
        after: {
          ...base,
          rating: { score: body.rating, comment: body.comment },
          closedAt: at,
          closure: 'resident',
          nextCheckAt: null,
        },
        text: body.comment || null,
        photos: [],
      };
    case 'reopen': {
      const after = reopened(r, community, now);
      return {
        after,
        text: body.reason,
        photos: [],
        notice: 'reopened',
        system: { kind: 'reaccepted', text: restartedText(after, r.acceptedAt) },
      };
    }
    case 'follow_up': {
      const text = followUpText(body);
      if (body.verdict === 'unsatisfied') {
        const after = reopened(r, community, now);
        return {
          after,
          text,
          photos: [],
          notice: 'reopened',
          system: { kind: 'reaccepted', text: restartedText(after, r.acceptedAt) },
        };
      }
      // The schema asks for it when satisfied; said again here so a rating is never made up.
      if (body.rating === undefined)
        throw new ValidationError([{ field: 'body.rating', message: '居民满意时请记下居民给的评分（1–5 分）' }]);
      // The rating is the resident's, entered for them: the closure says so, the figures count it apart.
      return {
        after: {
          ...base,
          rating: { score: body.rating, comment: body.note },
          closedAt: at,
          closure: 'follow_up',
          nextCheckAt: null,
        },
        text,
        photos: [],
      };
    }
    case 'join':
      return {
        after: { ...base, supporterIds: [...r.supporterIds, actor.userId] },
        text: null,
        photos: [],
        internal: false,
      };
  }
}

/** One action on a report, checked by the shared state machine, recorded as an event. */
export async function actOnFeedback(
  deps: FeedbackDeps,
  actor: Actor,
  communityId: string,
  reportId: string,
  body: FeedbackStep,
  idempotency: Idempotency,
): Promise<FeedbackDetail> {
  const [loaded, community, earlier] = await Promise.all([
    deps.feedback.get(communityId, reportId),
    deps.communities.get(communityId),
    deps.feedback.earlier(idempotency),
  ]);
  if (earlier !== undefined) {
    if (earlier !== reportId)
      throw new ConflictError('IDEMPOTENCY_KEY_REUSED', '该请求编号已用于另一项操作，请刷新后重试');
    return detailFor(deps, actor, communityId, reportId);
  }
  if (!loaded || !community) throw new NotFoundError('FEEDBACK_NOT_FOUND', '找不到该反映');
  const r = loaded.report;
  const facts = factsOf(r);
  const visible = r.reporterId === actor.userId || r.supporterIds.includes(actor.userId) || canSeeAsStaff(actor, facts);
  if (!visible && body.action !== 'join') throw new NotFoundError('FEEDBACK_NOT_FOUND', '找不到该反映');
  if (!actionFitsStatus(body.action, r.status))
    throw new ConflictError(
      'FEEDBACK_WRONG_STATE',
      `该反映当前为“${FEEDBACK_STATUS_LABELS[r.status]}”，不能${FEEDBACK_ACTION_LABELS[body.action]}`,
    );
  if (!canTake(body.action, actor, facts))
    throw new ForbiddenError('FEEDBACK_ACTION_FORBIDDEN', `您不能对该反映进行“${FEEDBACK_ACTION_LABELS[body.action]}”`);

  const now = deps.now();
  const change = await apply(deps, community, r, actor, body, now);
  const event: EventRecord = {
    eventId: newId(now),
    at: now.toISOString(),
    kind: body.action,
    actorId: actor.userId,
    actorName: actor.name,
    actorRole: body.action === 'join' || r.reporterId === actor.userId ? 'resident' : staffRole(actor),
    visibility: change.internal ? 'internal' : 'public',
    text: change.text,
    photos: change.photos,
    statusAfter: change.after.status,
  };
  // Same moment, later id: the system's note sorts right after the action on the timeline.
  const system: EventRecord[] = change.system
    ? [
        {
          ...event,
          eventId: `${event.eventId}1`,
          kind: change.system.kind,
          actorId: null,
          actorName: '系统',
          actorRole: 'system',
          visibility: 'public',
          text: change.system.text,
          photos: [],
        },
      ]
    : [];
  // What the change tells whom, and the photos it brings to check, commit with it or not at all.
  const drafts = change.notice
    ? await feedbackMessages(deps, change.after, change.notice, event.at, change.text, actor.userId)
    : [];
  const checks = reportPhotoChecks(change.after, change.photos, actor, 'proof');
  const written = await deps.feedback.update(
    r,
    change.after,
    [event, ...system],
    idempotency,
    now,
    body.action === 'join' ? actor.userId : undefined,
    [...deps.messages.messageItems(drafts, now), ...deps.photoChecks.checkItems(checks, now)],
  );
  // What was written is the answer: no read after the write. A request with the same key that won is read.
  if (written.replayed) return detailFor(deps, actor, communityId, reportId);
  // The table's order (its sort key, compared as bytes): a sweep run ahead of the clock may have written later ones.
  const order = (e: EventRecord) => `${e.at}#${e.eventId}`;
  const timeline = [...loaded.events, event, ...system].sort((a, b) =>
    order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0,
  );
  return detailOf(deps, actor, written.report, timeline);
}

function staffRole(actor: Actor) {
  if (actor.streetIds?.length) return 'street_admin';
  if (actor.unitIds?.length) return 'unit_staff';
  for (const role of ['admin', 'grid_worker', 'property_staff'] as const) if (actor.roles.includes(role)) return role;
  return actor.roles[0] ?? null;
}
