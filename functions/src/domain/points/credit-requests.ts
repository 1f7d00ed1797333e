/**
 * The last resort at the scale: no code can be scanned or read out. The
 * operator finds the home by building and room and asks; the resident sees
 * "服务站 刘芳 请求为您记积分：…" on their own phone and confirms within two
 * minutes. Only the confirmation credits, once, exactly what was asked: the
 * request is used up in the credit's own transaction, as a member code is.
 */
import {
  BusinessRuleError,
  ConflictError,
  CREDIT_REQUEST_SECONDS,
  CREDIT_REQUEST_STATUS_LABELS,
  type CreditRequest,
  type CreditRequestBody,
  type CreditResult,
  creditRequestStatus,
  ForbiddenError,
  maskName,
  NotFoundError,
  type PointsRules,
  pointsForWeighIn,
  ValidationError,
} from '@linli/shared';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import type { CreditRequestRecord } from '../../data/point-codes.js';
import type { MembershipRecord } from '../../data/users.js';
import { weighIn } from './credit.js';
import type { PointsDeps } from './deps.js';
import { keptSortFlag } from './sort-quality.js';

const notFound = () => new NotFoundError('CREDIT_REQUEST_NOT_FOUND', '找不到这次记分请求');

async function communityOf(deps: PointsDeps, communityId: string) {
  const community = await deps.communities.get(communityId);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  return community;
}

function view(r: CreditRequestRecord, rules: PointsRules, now: Date): CreditRequest {
  const weighed = pointsForWeighIn(rules, r.lines);
  const status = creditRequestStatus(r.status, r.validUntil, now);
  return {
    requestId: r.requestId,
    communityId: r.communityId,
    status,
    statusLabel: CREDIT_REQUEST_STATUS_LABELS[status],
    stationId: r.stationId,
    stationName: r.stationName,
    operatorName: r.operatorName,
    resident: { maskedName: maskName(r.residentName), address: r.address },
    lines: weighed.lines.map(({ material, label, grams }) => ({ material, label, grams })),
    points: weighed.points,
    createdAt: r.createdAt,
    expiresAt: r.validUntil,
    result: (r.result as CreditResult | undefined) ?? null,
  };
}

/** The approved homes of one building, for an operator looking for a resident: unit, room, a masked name. */
export async function homesForOperator(
  deps: PointsDeps,
  communityId: string,
  query: { buildingId: string; cursor?: string; limit: number },
) {
  const community = await deps.communities.shown(communityId);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  if (!community.buildings.some((b) => b.buildingId === query.buildingId))
    throw new ValidationError([{ field: 'query.buildingId', message: '该社区没有这个楼栋' }]);
  const page = await deps.households.listOfBuilding(communityId, query.buildingId, query.cursor, query.limit);
  return {
    items: page.items.map((h) => ({
      householdId: h.householdId,
      buildingId: h.buildingId,
      unit: h.unit,
      room: h.room,
      address: h.address,
      maskedName: maskName(h.applicantName),
    })),
    cursor: page.cursor,
  };
}

/** The operator asks to credit a weigh-in to a home's resident; nothing is credited until they confirm. */
export async function requestCredit(
  deps: PointsDeps,
  operator: { userId: string; membership: MembershipRecord },
  communityId: string,
  body: CreditRequestBody,
  idem: Idempotency,
): Promise<CreditRequest> {
  if (!operator.membership.stationIds.includes(body.stationId))
    throw new ForbiddenError('STATION_NOT_YOURS', '您只能在自己所在的服务站记分');
  const community = await communityOf(deps, communityId);
  const rules = community.settings.pointsRules;
  body.lines.forEach((line, i) => {
    if (!rules.materials.some((m) => m.material === line.material))
      throw new ValidationError([{ field: `body.lines.${i}.material`, message: '本社区不收这种可回收物' }]);
  });
  const home = await deps.households.get(body.householdId);
  if (!home || home.communityId !== communityId || home.status !== 'approved')
    throw new ValidationError([{ field: 'body.householdId', message: '找不到这户已绑定的住户' }]);
  const [member, profile, operatorProfile] = await Promise.all([
    deps.users.getMembership(home.userId, communityId),
    deps.users.getProfile(home.userId),
    deps.users.getProfile(operator.userId),
  ]);
  if (!member?.roles.includes('resident') || !profile)
    throw new BusinessRuleError('NOT_A_RESIDENT', '这户的住户已不是本社区居民', [
      { field: 'body.householdId', message: '不是本社区居民' },
    ]);
  const now = deps.now();
  const record: CreditRequestRecord = {
    requestId: newId(now),
    communityId,
    userId: home.userId,
    householdId: home.householdId,
    address: home.address,
    residentName: profile.nickname,
    operatorId: operator.userId,
    operatorName: operatorProfile?.nickname ?? '工作人员',
    stationId: body.stationId,
    stationName: community.stations.find((s) => s.stationId === body.stationId)?.name ?? '服务站',
    lines: body.lines.map(({ material, grams }) => ({ material, grams })),
    ...(body.sortFlag ? { sortFlag: keptSortFlag(body.sortFlag) } : {}),
    status: 'pending',
    createdAt: now.toISOString(),
    validUntil: new Date(now.getTime() + CREDIT_REQUEST_SECONDS * 1000).toISOString(),
  };
  const requestId = await deps.pointCodes.putCreditRequest(record, idem, now);
  const stored =
    requestId === record.requestId ? record : await deps.pointCodes.getCreditRequest(communityId, requestId);
  if (!stored) throw notFound();
  return view(stored, rules, now);
}

/** The operator watches their request: pending, confirmed (with the credit), declined or expired. */
export async function creditRequestForOperator(
  deps: PointsDeps,
  operatorId: string,
  communityId: string,
  requestId: string,
): Promise<CreditRequest> {
  const r = await deps.pointCodes.getCreditRequest(communityId, requestId);
  if (!r || r.operatorId !== operatorId) throw notFound();
  const community = await communityOf(deps, communityId);
  return view(r, community.settings.pointsRules, deps.now());
}

/** What waits for the resident's yes or no, soonest to lapse first. */
export async function myCreditRequests(deps: PointsDeps, userId: string, communityId: string) {
  const now = deps.now();
  const [community, page] = await Promise.all([
    communityOf(deps, communityId),
    deps.pointCodes.openCreditRequests(communityId, userId, now),
  ]);
  return { items: page.items.map((r) => view(r, community.settings.pointsRules, now)) };
}

async function residentsRequest(deps: PointsDeps, userId: string, communityId: string, requestId: string) {
  const r = await deps.pointCodes.getCreditRequest(communityId, requestId);
  if (!r || r.userId !== userId) throw notFound();
  return r;
}

const expired = () =>
  new BusinessRuleError('CREDIT_REQUEST_EXPIRED', '这次记分请求已超过 2 分钟，请工作人员重新发起', [
    { field: 'path.requestId', message: '已过期' },
  ]);

/**
 * The resident confirms: the weigh-in is credited to them exactly as asked,
 * and the request is used up in the same transaction. Confirming again answers
 * the same credit; a declined or lapsed request credits nothing.
 */
export async function confirmCreditRequest(
  deps: PointsDeps,
  resident: { userId: string },
  communityId: string,
  requestId: string,
  idem: Idempotency,
): Promise<CreditResult> {
  const r = await residentsRequest(deps, resident.userId, communityId, requestId);
  const status = creditRequestStatus(r.status, r.validUntil, deps.now());
  if (status === 'confirmed' && r.result) return r.result as CreditResult;
  if (status === 'declined') throw new ConflictError('CREDIT_REQUEST_DECLINED', '您已拒绝这次记分');
  if (status === 'expired') throw expired();
  const membership = await deps.users.getMembership(r.operatorId, communityId);
  if (!membership?.roles.includes('station_operator') || !membership.stationIds.includes(r.stationId))
    throw new BusinessRuleError('CREDIT_REQUEST_VOID', `${r.operatorName}已不在${r.stationName}，这次记分作废`);
  const closed = () => new ConflictError('CREDIT_REQUEST_CLOSED', '这次记分请求已处理或已过期，请刷新');
  return weighIn(
    deps,
    { userId: r.operatorId, membership },
    communityId,
    { stationId: r.stationId, lines: r.lines, sortFlag: r.sortFlag },
    idem,
    async () => ({ userId: r.userId, spend: deps.pointCodes.spendCreditRequest(r, closed) }),
  );
}

/** The resident says it is not theirs (or not right): nothing is credited, the operator sees 居民已拒绝. */
export async function declineCreditRequest(
  deps: PointsDeps,
  resident: { userId: string },
  communityId: string,
  requestId: string,
): Promise<CreditRequest> {
  const r = await residentsRequest(deps, resident.userId, communityId, requestId);
  if (r.status === 'confirmed') throw new ConflictError('CREDIT_REQUEST_CONFIRMED', '已确认记分，不能再拒绝');
  const now = deps.now();
  await deps.pointCodes.declineCreditRequest(r, now);
  const [stored, community] = await Promise.all([
    deps.pointCodes.getCreditRequest(communityId, requestId),
    communityOf(deps, communityId),
  ]);
  return view(stored ?? r, community.settings.pointsRules, now);
}
