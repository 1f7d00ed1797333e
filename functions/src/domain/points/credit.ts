import {
  applyDailyCap,
  BusinessRuleError,
  ConflictError,
  type CreditBody,
  type CreditResult,
  ForbiddenError,
  maskName,
  NotFoundError,
  pointsForWeighIn,
  shanghaiDate,
  shanghaiMonth,
  ValidationError,
} from '@linli/shared';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import type { MembershipRecord } from '../../data/users.js';
import { memberCodeUsed, readMemberCode } from './codes.js';
import type { PointsDeps } from './deps.js';
import { recyclingCredited } from './messages.js';

const ATTEMPTS = 4;

/**
 * An operator credits a weigh-in: scan the member code, weigh the lines; the
 * community's rules give the points, within the daily cap; lines over the
 * per-line limit hold the whole weigh-in for an admin instead.
 */
export async function creditWeighIn(
  deps: PointsDeps,
  operator: { userId: string; membership: MembershipRecord },
  communityId: string,
  body: CreditBody,
  idem: Idempotency,
): Promise<CreditResult> {
  if (!operator.membership.stationIds.includes(body.stationId))
    throw new ForbiddenError('STATION_NOT_YOURS', '您只能在自己所在的服务站记分');
  const community = await deps.communities.get(communityId);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const rules = community.settings.pointsRules;
  body.lines.forEach((line, i) => {
    if (!rules.materials.some((m) => m.material === line.material))
      throw new ValidationError([{ field: `body.lines.${i}.material`, message: '本社区不收这种可回收物' }]);
  });
  const code = await readMemberCode(deps, body.memberCode, communityId);
  const [resident, member] = await Promise.all([
    deps.users.getProfile(code.userId),
    deps.users.getMembership(code.userId, communityId),
  ]);
  if (!resident || !member?.roles.includes('resident'))
    throw new BusinessRuleError('NOT_A_RESIDENT', '该积分码的主人不是本社区居民', [
      { field: 'body.memberCode', message: '不是本社区居民' },
    ]);

  const household = member.householdId ? await deps.households.get(member.householdId) : undefined;
  const weighed = pointsForWeighIn(rules, body.lines);
  const creditId = newId(deps.now());
  const who = { maskedName: maskName(resident.nickname) };

  if (weighed.outliers > 0) {
    const now = deps.now();
    const response: CreditResult = {
      creditId,
      status: 'held',
      points: 0,
      capped: false,
      lines: weighed.lines,
      resident: who,
      balance: await deps.points.balance(communityId, code.userId),
    };
    const replay = await deps.points.hold({
      communityId,
      creditId,
      record: {
        creditId,
        communityId,
        userId: code.userId,
        stationId: body.stationId,
        operatorId: operator.userId,
        lines: weighed.lines,
        points: weighed.points,
        status: 'held',
        at: now.toISOString(),
      },
      idem,
      response,
      codeJti: code.jti,
      codeExpiresAt: code.expiresAt,
      codeUsed: memberCodeUsed,
      now,
    });
    return replay ? (replay.replayed as CreditResult) : response;
  }

  // The cap may move under us (another station credits the same person): re-read and retry.
  for (let attempt = 1; ; attempt++) {
    const now = deps.now();
    const date = shanghaiDate(now);
    const earnedToday = await deps.points.earnedOn(communityId, code.userId, date);
    const { credited, capped } = applyDailyCap(weighed.points, earnedToday, rules.dailyCapPoints);
    const balanceBefore = await deps.points.balance(communityId, code.userId);
    // The resident hears of points that went in, in the same transaction; nothing when the cap left none.
    const told =
      credited > 0
        ? deps.messages.messageItems(
            [
              recyclingCredited({
                userId: code.userId,
                communityId,
                lines: weighed.lines,
                points: credited,
                capped,
                balance: balanceBefore + credited,
              }),
            ],
            now,
          )
        : [];
    const response: CreditResult = {
      creditId,
      status: 'credited',
      points: credited,
      capped,
      lines: weighed.lines,
      resident: who,
      balance: balanceBefore + credited,
    };
    try {
      const replay = await deps.points.credit({
        entry: {
          entryId: creditId,
          communityId,
          userId: code.userId,
          type: 'earn_recycling',
          points: credited,
          at: now.toISOString(),
          month: shanghaiMonth(now),
          note:
            weighed.lines.map((l) => `${l.label} ${(l.grams / 1000).toFixed(1)} 公斤`).join('、') +
            (capped ? '（已达每日积分上限）' : ''),
          ref: `credit:${creditId}`,
          by: operator.userId,
          lines: weighed.lines.map(({ material, grams, points }) => ({ material, grams, points })),
          stationId: body.stationId,
          buildingId: household?.buildingId ?? null,
        },
        idem,
        response,
        codeJti: code.jti,
        codeExpiresAt: code.expiresAt,
        date,
        dailyCap: rules.dailyCapPoints,
        codeUsed: memberCodeUsed,
        capMoved: () => new ConflictError('DAILY_CAP_MOVED', '今日积分刚有变动，请重试'),
        now,
        extra: told,
      });
      return replay ? (replay.replayed as CreditResult) : response;
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'DAILY_CAP_MOVED' && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}
