/**
 * Subscription messages about reports: to the resident when their report is
 * accepted, dispatched, resolved or reopened (each uses one consent they gave
 * on the submit tap), and to the people who must act on it.
 */
import { FEEDBACK_STATUS_LABELS, shanghaiClock, shanghaiDate } from '@linli/shared';
import type { ReportRecord } from '../../data/feedback.js';
import type { UsersRepository } from '../../data/users.js';
import { logger } from '../../http/route-handler.js';

export type FeedbackNotice = 'accepted' | 'dispatched' | 'resolved' | 'reopened' | 'reminder' | 'escalated';

export interface NotifyDeps {
  users: UsersRepository;
  wechat: {
    sendSubscribeMessage(m: {
      openid: string;
      templateId: string;
      page?: string;
      data: Record<string, string>;
    }): Promise<void>;
  };
  templates: { feedbackStatus: string; feedbackTask: string };
}

/** WeChat template fields have hard limits: `thing` ≤ 20 characters, `phrase` ≤ 5. */
const thing = (value: string) => ([...value].length > 20 ? `${[...value].slice(0, 19).join('')}…` : value);
const when = (iso: string | null) => (iso ? `${shanghaiDate(new Date(iso))} ${shanghaiClock(new Date(iso))}` : '—');
const page = (r: ReportRecord) => `packages/feedback/detail/index?communityId=${r.communityId}&reportId=${r.reportId}`;

const STATUS_NOTE: Record<Exclude<FeedbackNotice, 'reminder' | 'escalated'>, (r: ReportRecord) => string> = {
  accepted: (r) => `预计${when(r.resolveBy)}前办结`,
  dispatched: (r) => `已派给${r.assignee?.name ?? '处理人'}`,
  resolved: () => '请查看处理结果并确认',
  reopened: () => '已重新处理，请耐心等待',
};

async function toResident(deps: NotifyDeps, r: ReportRecord, notice: keyof typeof STATUS_NOTE, at: string) {
  if (!r.reporterId) return;
  const user = await deps.users.getProfile(r.reporterId);
  if (!user?.openid || !(await deps.users.useSubscription(r.reporterId, 'feedback_status'))) return;
  await deps.wechat.sendSubscribeMessage({
    openid: user.openid,
    templateId: deps.templates.feedbackStatus,
    page: page(r),
    data: {
      thing1: thing(r.categoryLabel),
      phrase2: FEEDBACK_STATUS_LABELS[r.status].slice(0, 5),
      time3: when(at),
      thing4: thing(STATUS_NOTE[notice](r)),
    },
  });
}

/** Who must act: the assigned grid worker, every property staff member, or (escalated) the admins. */
async function staffRecipients(deps: NotifyDeps, r: ReportRecord, notice: FeedbackNotice) {
  const members = await deps.users.listMembers(r.communityId);
  if (notice === 'escalated') return members.filter((m) => m.roles.includes('admin'));
  const a = r.assignee;
  if (a?.kind === 'grid_worker') return members.filter((m) => m.userId === a.userId);
  if (a?.kind === 'property') return members.filter((m) => m.roles.includes('property_staff'));
  // Not dispatched yet, or to an outside unit: the grid's workers answer for it.
  return members.filter((m) => m.roles.includes('grid_worker') && r.gridId !== null && m.gridIds.includes(r.gridId));
}

const TASK_REASON: Record<FeedbackNotice, string> = {
  accepted: '新受理',
  dispatched: '新派单',
  resolved: '已办结',
  reopened: '居民反映未解决',
  reminder: '已超时，请尽快处理',
  escalated: '已上报社区，请协调',
};

async function toStaff(deps: NotifyDeps, r: ReportRecord, notice: FeedbackNotice) {
  const recipients = await staffRecipients(deps, r, notice);
  await Promise.all(
    recipients
      .filter((m) => m.openid)
      .map((m) =>
        deps.wechat.sendSubscribeMessage({
          openid: m.openid as string,
          templateId: deps.templates.feedbackTask,
          page: page(r),
          data: {
            thing1: thing(`${r.categoryLabel}：${r.location.address}`),
            time2: when(r.resolveBy ?? r.createdAt),
            thing3: thing(TASK_REASON[notice]),
          },
        }),
      ),
  );
}

/**
 * Sends what a change of a report calls for. A notification is a courtesy,
 * not part of the change: a failure is logged, never undoes the action.
 */
export async function notifyFeedback(deps: NotifyDeps, r: ReportRecord, notice: FeedbackNotice, at: string) {
  try {
    if (notice === 'accepted' || notice === 'resolved') await toResident(deps, r, notice, at);
    if (notice === 'dispatched' || notice === 'reopened') {
      await Promise.all([toResident(deps, r, notice, at), toStaff(deps, r, notice)]);
    }
    if (notice === 'reminder' || notice === 'escalated') await toStaff(deps, r, notice);
  } catch (error) {
    logger.warn('Notification not sent', { notice, reportId: r.reportId, error: String(error) });
  }
}
