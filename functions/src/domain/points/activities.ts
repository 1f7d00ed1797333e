/**
 * Volunteer activities: admins publish them (and co-building units their
 * volunteer posts, 部门报到), residents sign up within the capacity and check
 * in by scanning the organiser's rotating code, and the organiser (an admin,
 * or any member of the posting unit) confirms attendance, which credits each
 * attendee's points once, ever.
 */
import {
  ACTIVITY_PHASE_LABELS,
  type Activity,
  type AttendanceBody,
  activityInstants,
  activityPhase,
  BusinessRuleError,
  ConflictError,
  type CreateActivityBody,
  type CreateUnitActivityBody,
  checkinOpen,
  checkinWindow,
  ForbiddenError,
  NotFoundError,
  type Role,
  type Signup,
  STAFF_ROLES,
  shanghaiClock,
  shanghaiMonth,
  ValidationError,
} from '@linli/shared';
import type { ActivityRecord, SignupRecord } from '../../data/activities.js';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import type { AccountState } from '../../data/points.js';
import type { UnitRecord } from '../../data/units.js';
import type { MembershipRecord } from '../../data/users.js';
import { checkText } from '../feedback/checks.js';
import { entryTime, onAccount } from './account.js';
import { volunteerCredited } from './messages.js';
import type { PointsStaffDeps } from './staff-deps.js';

const CHECKIN = 'linli-checkin-code';
/** Like the member code: valid 60 s, shown fresh every 30 s, so a photo of it is soon useless. */
const CHECKIN_CODE_SECONDS = 60;
const REFRESH_SECONDS = 30;
const GONE = '已注销用户';

const notFound = () => new NotFoundError('ACTIVITY_NOT_FOUND', '找不到该活动');

async function load(deps: PointsStaffDeps, communityId: string, activityId: string) {
  const activity = await deps.activities.get(communityId, activityId);
  if (!activity) throw notFound();
  return activity;
}

export function activityView(
  a: ActivityRecord,
  organiserName: string,
  mine: SignupRecord | undefined | null,
  now: Date,
): Activity {
  const phase = activityPhase(a, now);
  return {
    activityId: a.activityId,
    communityId: a.communityId,
    title: a.title,
    description: a.description,
    date: a.date,
    startTime: a.startTime,
    endTime: a.endTime,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    place: a.place,
    points: a.points,
    capacity: a.capacity,
    signedUp: a.signedUp,
    organiser: { userId: a.organiserId, name: organiserName },
    unit: a.unitId ? { unitId: a.unitId, name: a.unitName ?? a.unitId } : null,
    phase,
    phaseLabel: ACTIVITY_PHASE_LABELS[phase],
    mine: mine
      ? { signedUpAt: mine.signedUpAt, checkedInAt: mine.checkedInAt ?? null, attendedAt: mine.attendedAt ?? null }
      : null,
  };
}

async function view(deps: PointsStaffDeps, a: ActivityRecord, userId: string) {
  const { mine, names } = await deps.activities.signupsAndOrganisers(a.communityId, [a], userId);
  return activityView(a, names.get(a.organiserId) ?? GONE, mine.get(a.activityId), deps.now());
}

type ActivityFields = Omit<CreateActivityBody, 'organiserId'>;

/** Checks and writes a new activity (once per `Idempotency-Key`); who organises it and for whom was settled before. */
async function publish(
  deps: PointsStaffDeps,
  by: string,
  communityId: string,
  body: ActivityFields,
  runs: { organiserId: string; unit?: { unitId: string; name: string } },
  idem: Idempotency,
): Promise<Activity> {
  const now = deps.now();
  const { startsAt, endsAt } = activityInstants(body.date, body.startTime, body.endTime);
  if (startsAt <= now.toISOString())
    throw new ValidationError([{ field: 'body.date', message: '活动开始时间须晚于现在' }]);
  const author = await deps.users.getProfile(by);
  await checkText(deps, author?.openid, { field: 'body.title', value: body.title });
  if (body.description) await checkText(deps, author?.openid, { field: 'body.description', value: body.description });
  const record: ActivityRecord = {
    activityId: newId(now),
    communityId,
    title: body.title,
    description: body.description,
    date: body.date,
    startTime: body.startTime,
    endTime: body.endTime,
    startsAt,
    endsAt,
    place: body.place,
    points: body.points,
    capacity: body.capacity,
    signedUp: 0,
    organiserId: runs.organiserId,
    createdBy: by,
    createdAt: now.toISOString(),
    ...(runs.unit ? { unitId: runs.unit.unitId, unitName: runs.unit.name } : {}),
  };
  const activityId = await deps.activities.create(record, idem, now);
  return view(deps, activityId === record.activityId ? record : await load(deps, communityId, activityId), by);
}

/** An admin publishes an activity run by a staff member of the community. */
export async function createActivity(
  deps: PointsStaffDeps,
  adminId: string,
  communityId: string,
  body: CreateActivityBody,
  idem: Idempotency,
): Promise<Activity> {
  const organiser = await deps.users.getMembership(body.organiserId, communityId);
  if (!organiser?.roles.some((r) => STAFF_ROLES.includes(r)))
    throw new ValidationError([{ field: 'body.organiserId', message: '组织者须为本社区的工作人员' }]);
  const { organiserId, ...fields } = body;
  return publish(deps, adminId, communityId, fields, { organiserId }, idem);
}

/**
 * A unit's member publishes a volunteer post (治安巡逻, 政策宣传…) in a community of the unit's service area; they
 * organise it, and the unit is recorded on it, so any of its members runs it and residents see who posted it.
 */
export async function createUnitActivity(
  deps: PointsStaffDeps,
  memberId: string,
  unit: UnitRecord,
  body: CreateUnitActivityBody,
  idem: Idempotency,
): Promise<Activity> {
  const { communityId, ...fields } = body;
  if (!unit.communities.some((c) => c.communityId === communityId))
    throw new ValidationError([{ field: 'body.communityId', message: '该社区不在本单位的服务范围内' }]);
  return publish(deps, memberId, communityId, fields, { organiserId: memberId, unit }, idem);
}

/**
 * A unit's posts across its service area, upcoming (soonest first) or past: one key query of the unit's sparse
 * partition (gsi2 `UNITACTS#{unitId}`), not one per community it serves.
 */
export async function listUnitActivities(
  deps: PointsStaffDeps,
  unitId: string,
  query: { when: 'upcoming' | 'past'; cursor?: string; limit: number },
) {
  const now = deps.now();
  const page = await deps.activities.listOfUnit(unitId, query.when, now.toISOString(), query.cursor, query.limit);
  const names = await deps.users.nicknames([...new Set(page.items.map((a) => a.organiserId))]);
  // Its members are no residents there: nobody on the unit's desk has signed up.
  return {
    items: page.items.map((a) => activityView(a, names.get(a.organiserId) ?? GONE, null, now)),
    cursor: page.cursor,
  };
}

/** Upcoming and ongoing activities, soonest first (or past ones, newest first), with the caller's sign-ups. */
export async function listActivities(
  deps: PointsStaffDeps,
  userId: string,
  communityId: string,
  query: { when: 'upcoming' | 'past'; cursor?: string; limit: number },
) {
  const now = deps.now();
  const page = await deps.activities.list(communityId, query.when, now.toISOString(), query.cursor, query.limit);
  const { mine, names } = await deps.activities.signupsAndOrganisers(communityId, page.items, userId);
  return {
    items: page.items.map((a) => activityView(a, names.get(a.organiserId) ?? GONE, mine.get(a.activityId), now)),
    cursor: page.cursor,
  };
}

export async function getActivity(deps: PointsStaffDeps, userId: string, communityId: string, activityId: string) {
  return view(deps, await load(deps, communityId, activityId), userId);
}

/** A resident signs up: once per person, within the capacity, before it starts. */
export async function signUp(deps: PointsStaffDeps, userId: string, communityId: string, activityId: string) {
  const now = deps.now();
  await load(deps, communityId, activityId);
  const result = await deps.activities.signUp(
    { communityId, activityId, userId, signedUpAt: now.toISOString() },
    now.toISOString(),
  );
  const after = await load(deps, communityId, activityId);
  if (result === 'refused') {
    if (activityPhase(after, now) !== 'upcoming')
      throw new BusinessRuleError('ACTIVITY_STARTED', '活动已开始或已结束，不能再报名');
    throw new BusinessRuleError('ACTIVITY_FULL', `名额已满（共 ${after.capacity} 人）`);
  }
  return view(deps, after, userId);
}

const started = () => new BusinessRuleError('ACTIVITY_STARTED', '活动已开始，不能再取消报名');

/**
 * A resident withdraws a sign-up before the activity starts, and the place is
 * free for someone else (or for them again). Once checked in it stays; a
 * repeated withdrawal changes nothing and answers the activity as it is.
 */
export async function cancelSignUp(deps: PointsStaffDeps, userId: string, communityId: string, activityId: string) {
  const now = deps.now();
  const before = await load(deps, communityId, activityId);
  if (activityPhase(before, now) !== 'upcoming') throw started();
  const result = await deps.activities.cancelSignUp(communityId, activityId, userId, now.toISOString());
  if (result === 'started') throw started();
  if (result === 'checked_in')
    throw new BusinessRuleError('ALREADY_CHECKED_IN', '您已签到，不能取消报名；如不能参加请联系组织者');
  return view(deps, await load(deps, communityId, activityId), userId);
}

/**
 * Who asks to run an activity: through the community's door, with their roles there; through a unit's door
 * (`unitId`), as a member of that unit, with no community roles.
 */
export interface Runner {
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly unitId?: string;
}

export const communityRunner = (userId: string, membership: MembershipRecord): Runner => ({
  userId,
  roles: membership.roles,
});

/** The organiser, an admin of the community, or a member of the activity's unit runs it; a unit sees only its own. */
function mustRun(a: ActivityRecord, runner: Runner) {
  if (runner.unitId !== undefined && a.unitId !== runner.unitId) throw notFound();
  const runs =
    a.organiserId === runner.userId ||
    runner.roles.includes('admin') ||
    (a.unitId !== undefined && a.unitId === runner.unitId);
  if (!runs) throw new ForbiddenError('NOT_ORGANISER', '只有该活动的组织者、社区管理员或发布单位可以操作');
}

/** The organiser's rotating check-in code, shown while check-in is open (an hour either side). */
export async function issueCheckinCode(deps: PointsStaffDeps, runner: Runner, communityId: string, activityId: string) {
  const a = await load(deps, communityId, activityId);
  mustRun(a, runner);
  const now = deps.now();
  if (!checkinOpen(a, now)) {
    const w = checkinWindow(a);
    throw new BusinessRuleError(
      'CHECKIN_CLOSED',
      `签到时间为 ${shanghaiClock(new Date(w.opensAt))}–${shanghaiClock(new Date(w.closesAt))}（活动当天）`,
    );
  }
  const expiresAt = new Date(now.getTime() + CHECKIN_CODE_SECONDS * 1000);
  const code = await deps.codes.sign(CHECKIN, { sub: activityId, cid: communityId, jti: newId(now) }, expiresAt);
  return { code, expiresAt: expiresAt.toISOString(), refreshAfterSeconds: REFRESH_SECONDS };
}

const codeRefused = (code: string, message: string) =>
  new BusinessRuleError(code, message, [{ field: 'body.checkinCode', message }]);

/** A signed-up resident checks in by posting the code they scanned at the event. */
export async function checkIn(
  deps: PointsStaffDeps,
  userId: string,
  communityId: string,
  activityId: string,
  checkinCode: string,
) {
  const now = deps.now();
  const claims = await deps.codes.verify(CHECKIN, checkinCode, now);
  if (claims === 'expired') throw codeRefused('CHECKIN_CODE_EXPIRED', '签到码已过期，请扫描组织者手机上的最新签到码');
  if (claims === 'invalid') throw codeRefused('CHECKIN_CODE_INVALID', '签到码无效');
  if (claims.cid !== communityId) throw codeRefused('CHECKIN_CODE_FOREIGN', '这是其他社区的签到码');
  if (claims.sub !== activityId) throw codeRefused('CHECKIN_CODE_OTHER_ACTIVITY', '这是另一个活动的签到码');
  const a = await load(deps, communityId, activityId);
  if (!checkinOpen(a, now)) throw new BusinessRuleError('CHECKIN_CLOSED', '不在签到时间内');
  if (!(await deps.activities.checkIn(communityId, activityId, userId, now.toISOString())))
    throw new BusinessRuleError('NOT_SIGNED_UP', '您没有报名该活动，请先报名');
  return view(deps, a, userId);
}

async function signupViews(deps: PointsStaffDeps, signups: readonly SignupRecord[]): Promise<Signup[]> {
  const names = await deps.users.nicknames(signups.map((s) => s.userId));
  return signups
    .map((s) => ({
      userId: s.userId,
      name: names.get(s.userId) ?? GONE,
      signedUpAt: s.signedUpAt,
      checkedInAt: s.checkedInAt ?? null,
      attendedAt: s.attendedAt ?? null,
      creditedPoints: s.creditedPoints ?? null,
    }))
    .sort((a, b) => a.signedUpAt.localeCompare(b.signedUpAt) || a.userId.localeCompare(b.userId));
}

/** Who signed up, checked in and was credited: the organiser's list for confirming attendance. */
export async function listSignups(deps: PointsStaffDeps, runner: Runner, communityId: string, activityId: string) {
  const found = await deps.activities.withSignups(communityId, activityId);
  if (!found) throw notFound();
  mustRun(found.activity, runner);
  return { items: await signupViews(deps, found.signups) };
}

const PARALLEL = 8;

/**
 * The organiser (an admin, or a member of the posting unit) confirms who attended: each one not yet
 * credited gets one `earn_volunteer` entry; a repeated or concurrent
 * confirmation finds the sign-up marked and changes nothing.
 */
export async function confirmAttendance(
  deps: PointsStaffDeps,
  runner: Runner,
  communityId: string,
  activityId: string,
  body: AttendanceBody,
) {
  const a = await load(deps, communityId, activityId);
  mustRun(a, runner);
  const userId = runner.userId;
  const now = deps.now();
  // From when check-in opens: the organiser is on site and sees who came.
  if (now.toISOString() < checkinWindow(a).opensAt)
    throw new BusinessRuleError('ACTIVITY_NOT_STARTED', '签到开始后才能确认参加人员');
  const signups = new Map((await deps.activities.signups(communityId, activityId)).map((s) => [s.userId, s]));
  body.userIds.forEach((id, i) => {
    if (!signups.has(id))
      throw new ValidationError([{ field: `body.userIds.${i}`, message: '该居民没有报名这个活动' }]);
  });
  const due = body.userIds.filter((id) => !signups.get(id)?.attendedAt);
  let creditedNow = 0;
  for (let i = 0; i < due.length; i += PARALLEL) {
    const results = await Promise.all(
      due.slice(i, i + PARALLEL).map((attendee) => creditAttendee(deps, a, attendee, userId, now)),
    );
    creditedNow += results.filter(Boolean).length;
  }
  const after = (await deps.activities.signups(communityId, activityId)).filter((s) => body.userIds.includes(s.userId));
  return { activityId, items: await signupViews(deps, after), creditedNow };
}

async function creditAttendee(deps: PointsStaffDeps, a: ActivityRecord, attendee: string, by: string, now: Date) {
  const member = await deps.users.getMembership(attendee, a.communityId);
  const household = member?.householdId ? await deps.households.get(member.householdId) : undefined;
  try {
    await onAccount(deps, a.communityId, attendee, (account) =>
      creditOnce(deps, a, attendee, by, now, household?.buildingId ?? null, account),
    );
    return true;
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'ATTENDANCE_CREDITED') return false;
    throw error;
  }
}

/** The attendee's credit against the account as read (see `onAccount`). */
function creditOnce(
  deps: PointsStaffDeps,
  a: ActivityRecord,
  attendee: string,
  by: string,
  now: Date,
  buildingId: string | null,
  account: AccountState,
) {
  const { balance } = account;
  const at = entryTime(account, now);
  return deps.points.creditVolunteer({
    activityId: a.activityId,
    // Told in the same transaction: a second confirmation is refused and tells nobody again.
    extra: deps.messages.messageItems(
      [
        volunteerCredited({
          userId: attendee,
          communityId: a.communityId,
          title: a.title,
          points: a.points,
          balance: balance + a.points,
        }),
      ],
      now,
    ),
    entry: {
      // One per account and activity; the sign-up's `attendedAt` is what makes it once.
      entryId: `act-${a.activityId}`,
      communityId: a.communityId,
      userId: attendee,
      type: 'earn_volunteer',
      points: a.points,
      at,
      month: shanghaiMonth(new Date(at)),
      note: `志愿服务：${a.title}`,
      ref: `activity:${a.activityId}`,
      by,
      buildingId,
    },
    account,
    alreadyCredited: () => new ConflictError('ATTENDANCE_CREDITED', '已确认过该居民参加'),
  });
}
