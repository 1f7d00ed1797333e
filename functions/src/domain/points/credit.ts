import {
  applyDailyCap,
  BusinessRuleError,
  ConflictError,
  type CreditBody,
  type CreditResult,
  codeProblem,
  ForbiddenError,
  formatWeight,
  maskName,
  NotFoundError,
  pointsForWeighIn,
  shanghaiDate,
  shanghaiMonth,
  ValidationError,
} from '@linli/shared';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import type { MemberCodeRecord, Spend } from '../../data/point-codes.js';
import type { MembershipRecord } from '../../data/users.js';
import { entryTime, oneAtATime, queuedHere, retryAfterMove } from './account.js';
import { memberCodeHolder } from './codes.js';
import type { PointsDeps } from './deps.js';
import { recyclingCredited } from './messages.js';
import { keptSortFlag, notedSortFlag } from './sort-quality.js';

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
  return weighIn(
    deps,
    operator,
    communityId,
    body,
    idem,
    (issued) => memberCodeHolder(deps, body.memberCode, communityId, issued),
    body.memberCode,
  );
}

/**
 * Whom a weigh-in credits, and what it uses up doing so: their member code
 * (`issued`: the code as read with the weigh-in's first read), or their confirmation.
 */
export type WeighInResident = (issued: MemberCodeRecord | undefined) => Promise<{ userId: string; spend: Spend }>;

/** A weigh-in for the resident `whom` names (read after the operator's station and the lines are checked). */
export async function weighIn(
  deps: PointsDeps,
  operator: { userId: string; membership: MembershipRecord },
  communityId: string,
  body: Pick<CreditBody, 'stationId' | 'lines' | 'sortFlag'>,
  idem: Idempotency,
  whom: WeighInResident,
  /** The member code scanned, read with the first read when it is well typed. */
  memberCode?: string,
): Promise<CreditResult> {
  if (!operator.membership.stationIds.includes(body.stationId))
    throw new ForbiddenError('STATION_NOT_YOURS', '您只能在自己所在的服务站记分');
  const setup = await deps.points.weighInSetup({
    idem,
    communityId,
    memberCode: memberCode && !codeProblem('member', memberCode) ? memberCode : undefined,
  });
  // A retry is answered as the first try was, even if the member code has expired since.
  if (setup.earlier) return setup.earlier.answer as CreditResult;
  if (!setup.settings) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const rules = setup.settings.pointsRules;
  body.lines.forEach((line, i) => {
    if (!rules.materials.some((m) => m.material === line.material))
      throw new ValidationError([{ field: `body.lines.${i}.material`, message: '本社区不收这种可回收物' }]);
  });
  const code = await whom(setup.memberCode);
  const first = await deps.points.creditReads({ communityId, userId: code.userId, date: shanghaiDate(deps.now()) });
  const { resident, member } = first;
  if (!resident || !member?.roles.includes('resident'))
    throw new BusinessRuleError('NOT_A_RESIDENT', '该积分码的主人不是本社区居民', [
      { field: 'body.memberCode', message: '不是本社区居民' },
    ]);

  // The approved home's building, as the membership keeps it (the figures count participation by building).
  const buildingId = member.home?.buildingId ?? null;
  const weighed = pointsForWeighIn(rules, body.lines);
  const creditId = newId(deps.now());
  const who = { maskedName: maskName(resident.nickname) };
  // A flag never refuses points: it only counts for the building, in the same transaction as the weigh-in.
  const sortFlag = keptSortFlag(body.sortFlag);
  const noted = notedSortFlag(sortFlag);
  const counted = (at: Date) =>
    deps.points.sortQualityItem(
      { communityId, month: shanghaiMonth(at), buildingId, userId: code.userId },
      sortFlag?.issues ?? [],
    );

  if (weighed.outliers > 0) {
    const now = deps.now();
    const response: CreditResult = {
      creditId,
      status: 'held',
      points: 0,
      capped: false,
      lines: weighed.lines,
      resident: who,
      balance: first.account.balance,
      ...noted,
    };
    const replay = await deps.points.hold({
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
        buildingId,
        ...(sortFlag ? { sortFlag } : {}),
      },
      idem,
      response,
      spend: code.spend,
      now,
      extra: [counted(now)],
    });
    return replay ? (replay.replayed as CreditResult) : response;
  }

  // A change of the same account queued here first would make the first read stale.
  const fresh = !queuedHere(communityId, code.userId);
  // The cap or the balance may move under us (another station credits the same person): re-read and retry.
  return oneAtATime(
    communityId,
    code.userId,
    async () => {
      const startedAt = Date.now();
      for (let attempt = 1; ; attempt++) {
        const now = deps.now();
        const date = shanghaiDate(now);
        // The first attempt uses the first read; a retry (the account or the day moved) reads both again.
        const { account, earnedToday } =
          attempt === 1 && fresh && first.date === date
            ? first
            : await deps.points.creditReads({ communityId, userId: code.userId, date });
        const at = entryTime(account, now);
        const { credited, capped } = applyDailyCap(weighed.points, earnedToday, rules.dailyCapPoints);
        // What the receipt says is what the entry says: the balance it leaves, from the account it is written against.
        const balanceBefore = account.balance;
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
          ...noted,
        };
        try {
          const replay = await deps.points.credit({
            entry: {
              entryId: creditId,
              communityId,
              userId: code.userId,
              type: 'earn_recycling',
              points: credited,
              at,
              month: shanghaiMonth(new Date(at)),
              note:
                weighed.lines.map((l) => `${l.label} ${formatWeight(l.grams)}`).join('、') +
                (capped ? '（已达每日积分上限）' : ''),
              ref: `credit:${creditId}`,
              by: operator.userId,
              lines: weighed.lines.map(({ material, label, grams, points }) => ({ material, label, grams, points })),
              stationId: body.stationId,
              buildingId,
              ...(sortFlag ? { sortFlag } : {}),
            },
            account,
            idem,
            response,
            spend: code.spend,
            date,
            dailyCap: rules.dailyCapPoints,
            capMoved: () => new ConflictError('DAILY_CAP_MOVED', '今日积分刚有变动，请重试'),
            now,
            extra: [...told, counted(new Date(at))],
          });
          return replay ? (replay.replayed as CreditResult) : response;
        } catch (error) {
          if (await retryAfterMove(error, attempt, startedAt)) continue;
          throw error;
        }
      }
    },
    idem,
  );
}
