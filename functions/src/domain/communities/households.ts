import {
  ConflictError,
  HOUSEHOLD_DECISION_LABELS,
  type Household,
  type HouseholdStatus,
  NotFoundError,
  type RequestHouseholdBody,
  ValidationError,
} from '@linli/shared';
import type { CommunitiesRepository } from '../../data/communities.js';
import type { HouseholdsRepository } from '../../data/households.js';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import type { MessageDraft, MessagesRepository } from '../../data/messages.js';
import type { UsersRepository } from '../../data/users.js';

export interface HouseholdDeps {
  communities: CommunitiesRepository;
  households: HouseholdsRepository;
  users: UsersRepository;
  messages: Pick<MessagesRepository, 'messageItems'>;
  now: () => Date;
}

/** The applicant hears of the decision in 消息 (no WeChat template for it); the link opens 我的. */
function decisionMessage(h: Household): MessageDraft {
  const approved = h.status === 'approved';
  return {
    userId: h.userId,
    kind: approved ? 'household_approved' : 'household_rejected',
    communityId: h.communityId,
    link: 'pages/mine/index',
    title: approved ? '住户绑定已通过' : '住户绑定未通过',
    body: approved
      ? `${h.address} 已绑定，现在可以反映问题、攒积分和兑换了。`
      : `${h.address} 的绑定申请未通过。${h.rejectReason ? `原因：${h.rejectReason}。` : ''}您可以修改后重新申请。`,
  };
}

/** A resident asks to be bound to a home; an admin of the community decides. */
export async function requestHousehold(
  deps: HouseholdDeps,
  userId: string,
  communityId: string,
  body: RequestHouseholdBody,
  idempotency: Idempotency,
): Promise<Household> {
  const [community, user] = await Promise.all([deps.communities.get(communityId), deps.users.getProfile(userId)]);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  if (!user) throw new NotFoundError('USER_NOT_FOUND', '找不到您的账号');
  const estate = community.estates.find((e) => e.estateId === body.estateId);
  if (!estate) throw new ValidationError([{ field: 'body.estateId', message: '该社区没有这个小区' }]);
  const building = community.buildings.find((b) => b.buildingId === body.buildingId && b.estateId === estate.estateId);
  if (!building) throw new ValidationError([{ field: 'body.buildingId', message: '该小区没有这个楼栋' }]);
  if (body.unit > building.units)
    throw new ValidationError([{ field: 'body.unit', message: `${building.name}只有 ${building.units} 个单元` }]);
  const now = deps.now();
  const household: Household = {
    householdId: newId(now),
    communityId,
    userId,
    applicantName: user.nickname,
    estateId: estate.estateId,
    buildingId: building.buildingId,
    unit: body.unit,
    room: body.room,
    relation: body.relation,
    address: `${estate.name} ${building.name} ${body.unit}单元 ${body.room}室`,
    status: 'pending',
    requestedAt: now.toISOString(),
    decidedAt: null,
    decidedBy: null,
    rejectReason: null,
    decisions: [],
  };
  return deps.households.create(household, idempotency, now);
}

export function listHouseholds(
  deps: HouseholdDeps,
  communityId: string,
  query: { status: HouseholdStatus; buildingId?: string; cursor?: string; limit: number },
) {
  return query.buildingId
    ? deps.households.listOfBuilding(communityId, query.buildingId, query.cursor, query.limit)
    : deps.households.listByStatus(communityId, query.status, query.cursor, query.limit);
}

export type Decision = { approve: true } | { approve: false; reason: string };

export async function decideHousehold(
  deps: HouseholdDeps,
  adminId: string,
  communityId: string,
  householdId: string,
  decision: Decision,
): Promise<Household> {
  const household = await deps.households.get(householdId);
  // Another community's request is as good as absent: never reveal it exists.
  if (!household || household.communityId !== communityId)
    throw new NotFoundError('HOUSEHOLD_NOT_FOUND', '找不到该住户绑定申请');
  if (household.status !== 'pending')
    throw new ConflictError('HOUSEHOLD_ALREADY_DECIDED', '该申请已被处理，请刷新列表');
  const now = deps.now();
  const admin = await deps.users.getProfile(adminId);
  const reason = decision.approve ? null : decision.reason;
  const decided: Household = {
    ...household,
    status: decision.approve ? 'approved' : 'rejected',
    decidedAt: now.toISOString(),
    decidedBy: adminId,
    rejectReason: reason,
    // Kept on the request, in the same write as the decision.
    decisions: [
      ...household.decisions,
      {
        action: decision.approve ? 'approve' : 'reject',
        actionLabel: HOUSEHOLD_DECISION_LABELS[decision.approve ? 'approve' : 'reject'],
        byName: admin?.nickname ?? '社区管理员',
        at: now.toISOString(),
        reason,
      },
    ],
  };
  // The message commits with the decision: a refused (already decided) one tells nobody.
  const told = deps.messages.messageItems([decisionMessage(decided)], now);
  if (decision.approve) {
    const community = await deps.communities.get(communityId);
    const gridId = community?.buildings.find((b) => b.buildingId === decided.buildingId)?.gridId ?? null;
    await deps.households.approve(decided, community?.name ?? communityId, gridId, told);
  } else {
    await deps.households.reject(decided, told);
  }
  return decided;
}
