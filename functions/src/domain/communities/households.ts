import {
  ConflictError,
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
import type { UsersRepository } from '../../data/users.js';

export interface HouseholdDeps {
  communities: CommunitiesRepository;
  households: HouseholdsRepository;
  users: UsersRepository;
  now: () => Date;
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
  const decided: Household = {
    ...household,
    status: decision.approve ? 'approved' : 'rejected',
    decidedAt: deps.now().toISOString(),
    decidedBy: adminId,
    rejectReason: decision.approve ? null : decision.reason,
  };
  if (decision.approve) {
    const community = await deps.communities.get(communityId);
    const gridId = community?.buildings.find((b) => b.buildingId === decided.buildingId)?.gridId ?? null;
    await deps.households.approve(decided, community?.name ?? communityId, gridId);
  } else {
    await deps.households.reject(decided);
  }
  return decided;
}
