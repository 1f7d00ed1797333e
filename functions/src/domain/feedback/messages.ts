/**
 * What a change of a report tells whom, as message drafts that the
 * repository writes in the same transaction as the change. The resident
 * hears of 受理, 派单, 办结, 回复 and a refusal; the people who must act hear
 * of new work, overdue work and escalations. WeChat carries a draft only
 * with a consent left (the outbox decides); the message centre always has it.
 */
import { FEEDBACK_STATUS_LABELS, formatDeadline } from '@linli/shared';
import type { CommunitiesRepository } from '../../data/communities.js';
import type { ReportRecord } from '../../data/feedback.js';
import type { MessageDraft, PushRequest } from '../../data/messages.js';
import type { StreetsRepository } from '../../data/streets.js';
import type { UnitsRepository } from '../../data/units.js';
import type { UsersRepository } from '../../data/users.js';
import { phrase, thing, time } from '../messages/templates.js';

export type FeedbackNotice =
  | 'submitted'
  | 'accepted'
  | 'dispatched'
  | 'resolved'
  | 'replied'
  | 'rejected'
  | 'reopened'
  | 'reminder'
  | 'escalated'
  | 'whistled'
  | 'confirm_reminder'
  | 'auto_confirmed';

export interface MessageDeps {
  users: Pick<UsersRepository, 'listMembers'>;
  communities: Pick<CommunitiesRepository, 'gridWorkers'>;
  units: Pick<UnitsRepository, 'memberIds'>;
  streets: Pick<StreetsRepository, 'adminIds'>;
}

/** The report's grid's worker ids when the caller already read them (filing reads them with the community). */
export interface Known {
  gridWorkers?: readonly string[];
}

/** The report's page; `desk` opens it as a unit or the street sees it (`unitId=…`, `streetId=…`). */
const link = (r: ReportRecord, desk = '') =>
  `packages/feedback/detail/index?communityId=${r.communityId}&reportId=${r.reportId}${desk}`;
const subject = (r: ReportRecord) => `${r.categoryLabel}：${r.location.address}`;

/**
 * How much a resident cares: a scarce consent goes to the highest first (办结 before 受理).
 * The reminder to confirm rides the 办结 template (its fields: the problem, 待确认, the time it was resolved,
 * a note); the automatic close is told in 消息 only (no template says it, and no consent is spent on it).
 */
const PRIORITY = {
  resolved: 3,
  confirm_reminder: 3,
  replied: 2,
  rejected: 2,
  dispatched: 1,
  accepted: 1,
  auto_confirmed: 0,
} as const;

type ResidentNotice = keyof typeof PRIORITY;

function toResident(r: ReportRecord, notice: ResidentNotice, at: string, text: string | null): MessageDraft | null {
  if (!r.reporterId) return null;
  const status = FEEDBACK_STATUS_LABELS[r.status];
  // Text (the body, a `thing`) writes a deadline as every page does; WeChat's `time` fields keep a real clock.
  const by = (iso: string) => formatDeadline(iso, { now: at });
  const content: Record<ResidentNotice, { title: string; body: string }> = {
    accepted: {
      title: '您的反映已受理',
      body: r.resolveBy ? `${subject(r)}。预计 ${by(r.resolveBy)} 前办结。` : `${subject(r)}。`,
    },
    dispatched: { title: '您的反映已派单', body: `${subject(r)}。已派给${r.assignee?.name ?? '处理人'}。` },
    resolved: {
      title: '您的反映已办结，请确认',
      body: `${subject(r)}。${text ? `处理结果：${text}。` : ''}请查看处理结果并确认。`,
    },
    replied: { title: '社区回复了您的反映', body: `${subject(r)}。回复：${text ?? ''}` },
    rejected: { title: '您的反映未被受理', body: `${subject(r)}。${text ? `原因：${text}` : ''}` },
    confirm_reminder: {
      title: '请确认反映的处理结果',
      body: `${subject(r)}。已办结，请查看处理结果并确认或点“未解决”；${r.confirmBy ? `${by(r.confirmBy)} 前` : '到期'}未确认将系统自动确认。`,
    },
    auto_confirmed: {
      title: '您的反映已自动确认办结',
      body: `${subject(r)}。您在确认期限内没有确认或提出未解决，系统已自动确认办结。如问题仍在，可以重新反映。`,
    },
  };
  const push: Omit<PushRequest, 'page' | 'priority'> | null =
    notice === 'auto_confirmed'
      ? null
      : notice === 'resolved' || notice === 'confirm_reminder'
        ? {
            template: 'feedback_resolved',
            data: {
              thing1: thing(r.categoryLabel),
              phrase2: phrase(status),
              time3: time(notice === 'resolved' ? at : (r.resolvedAt ?? at)),
              thing4: thing(notice === 'resolved' ? '请查看处理结果并确认' : '逾期未确认将自动确认'),
            },
          }
        : notice === 'replied' || notice === 'rejected'
          ? {
              template: 'feedback_reply',
              data: { thing1: thing(r.categoryLabel), thing2: thing(text ?? status), time3: time(at) },
            }
          : {
              template: 'feedback_accepted',
              data: {
                thing1: thing(r.categoryLabel),
                phrase2: phrase(status),
                time3: time(at),
                thing4: thing(
                  notice === 'dispatched'
                    ? `已派给${r.assignee?.name ?? '处理人'}`
                    : r.resolveBy
                      ? `预计${by(r.resolveBy)}前办结`
                      : '社区会尽快处理',
                ),
              },
            };
  return {
    userId: r.reporterId,
    kind: notice === 'replied' || notice === 'rejected' ? 'feedback_reply' : 'feedback_status',
    communityId: r.communityId,
    link: link(r),
    ...content[notice],
    ...(push ? { push: { ...push, page: link(r), priority: PRIORITY[notice] } } : {}),
  };
}

/**
 * Who must act (their user ids), and the desk they open it from: the assigned grid worker, every property staff
 * member, the unit's members, (escalated) the admins, or (吹哨) the street's admins.
 */
async function staffRecipients(
  deps: MessageDeps,
  r: ReportRecord,
  notice: FeedbackNotice,
  known: Known,
): Promise<{ userIds: readonly string[]; desk?: string }> {
  const a = r.assignee;
  if (notice === 'whistled' && a?.kind === 'street')
    return { userIds: await deps.streets.adminIds(a.streetId), desk: `&streetId=${a.streetId}` };
  if (notice !== 'escalated' && a?.kind === 'unit' && a.unitId)
    return { userIds: await deps.units.memberIds(a.unitId), desk: `&unitId=${a.unitId}` };
  return { userIds: await communityRecipients(deps, r, notice, known) };
}

async function communityRecipients(
  deps: MessageDeps,
  r: ReportRecord,
  notice: FeedbackNotice,
  known: Known,
): Promise<readonly string[]> {
  const a = r.assignee;
  if (notice === 'escalated' || a?.kind === 'property') {
    const role = notice === 'escalated' ? 'admin' : 'property_staff';
    return (await deps.users.listMembers(r.communityId)).filter((m) => m.roles.includes(role)).map((m) => m.userId);
  }
  if (a?.kind === 'grid_worker') return [a.userId];
  // Outside every estate (an Open311 point on the road) no grid owns it: the admins, who dispatch it, hear of it.
  if (r.gridId === null && r.location.estateId === null)
    return (await deps.users.listMembers(r.communityId)).filter((m) => m.roles.includes('admin')).map((m) => m.userId);
  // Not dispatched yet, or to a unit without an account: the grid's workers answer for it.
  if (r.gridId === null) return [];
  return known.gridWorkers ?? deps.communities.gridWorkers(r.communityId, r.gridId);
}

const TASK: Partial<Record<FeedbackNotice, { kind: MessageDraft['kind']; title: string; note: string }>> = {
  submitted: { kind: 'feedback_task', title: '新反映待受理', note: '新反映，请尽快受理' },
  dispatched: { kind: 'feedback_task', title: '新派单', note: '新派单，请按时处理' },
  reopened: { kind: 'feedback_task', title: '居民反映未解决', note: '居民反映未解决，请重新处理' },
  reminder: { kind: 'feedback_overdue', title: '反映已超时', note: '已超时，请尽快处理' },
  escalated: { kind: 'feedback_escalated', title: '反映已上报社区', note: '已上报社区，请协调' },
  whistled: { kind: 'feedback_escalated', title: '社区吹哨：反映已上报街道', note: '已上报街道，请派单' },
};

/** The reminder when nobody accepted the report in time: the grid's workers are asked to accept it. */
const UNACCEPTED = { kind: 'feedback_overdue', title: '反映超时未受理', note: '超时未受理，请尽快受理' } as const;

async function toStaff(
  deps: MessageDeps,
  r: ReportRecord,
  notice: FeedbackNotice,
  at: string,
  actorId: string | null,
  known: Known,
) {
  const task = notice === 'reminder' && !r.acceptedAt ? UNACCEPTED : TASK[notice];
  if (!task) return [];
  // Sent up to the committee, its own deadline is the one; before acceptance the acceptance one.
  const [deadlineLabel, deadlineAt] =
    notice === 'escalated' && r.committeeBy
      ? ['社区办结时限', r.committeeBy]
      : r.acceptedAt
        ? ['办结期限', r.resolveBy]
        : ['受理期限', r.acceptBy ?? null];
  const deadline = deadlineAt ?? r.createdAt;
  const { userIds, desk } = await staffRecipients(deps, r, notice, known);
  return userIds
    .filter((userId) => userId !== actorId)
    .map(
      (userId): MessageDraft => ({
        userId,
        kind: task.kind,
        communityId: r.communityId,
        link: link(r, desk),
        title: task.title,
        body: `${subject(r)}。${deadlineAt ? `${deadlineLabel} ${formatDeadline(deadlineAt, { now: at })} 前。` : ''}${task.note}。`,
        push: {
          template: 'feedback_task',
          page: link(r, desk),
          priority: notice === 'reminder' || notice === 'submitted' ? 1 : 2,
          data: { thing1: thing(subject(r)), time2: time(deadline), thing3: thing(task.note) },
        },
      }),
    );
}

/**
 * The messages one change of a report calls for. `text` is the public text
 * of the change (a reply, the resolution note, a reason); `actorId` is never
 * told about their own action; `known` saves the reads of what the caller has already read.
 */
export async function feedbackMessages(
  deps: MessageDeps,
  r: ReportRecord,
  notice: FeedbackNotice,
  at: string,
  text: string | null,
  actorId: string | null,
  known: Known = {},
): Promise<MessageDraft[]> {
  const resident =
    notice in PRIORITY && r.reporterId !== actorId ? toResident(r, notice as ResidentNotice, at, text) : null;
  const staff = await toStaff(deps, r, notice, at, actorId, known);
  return [...(resident ? [resident] : []), ...staff];
}
