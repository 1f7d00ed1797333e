import { BusinessRuleError, type CodeKind, codeProblem, makeCode, ValidationError } from '@linli/shared';
import type { MemberCodeRecord, Spend } from '../../data/point-codes.js';
import type { PointsDeps } from './deps.js';

/**
 * Member codes and pickup codes: 16 digits (see `shared/src/points/codes.ts`)
 * the server issued and keeps. A member code is valid 60 s and credits once
 * (the app shows a fresh one every 30 s); a pickup code is valid until its
 * reservation's window closes. A number the server never issued does nothing.
 */
const MEMBER_CODE_SECONDS = 60;
const REFRESH_SECONDS = 30;
const DRAWS = 5;

const refused = (code: string, message: string, field = 'body.memberCode') =>
  new BusinessRuleError(code, message, [{ field, message }]);

/** A uniform random digit from the platform's CSPRNG (bytes ≥ 250 are drawn again, so no digit is likelier). */
export function randomDigit(): number {
  const byte = new Uint8Array(1);
  do crypto.getRandomValues(byte);
  while ((byte[0] ?? 255) >= 250);
  return (byte[0] ?? 0) % 10;
}

/** A code mistyped (its kind digit or check digit wrong) is refused before anything is read. */
function checkTyped(kind: CodeKind, code: string, field: string) {
  const problem = codeProblem(kind, code);
  if (problem)
    throw new ValidationError(
      [{ field, message: problem }],
      kind === 'member' ? 'MEMBER_CODE_MISTYPED' : 'PICKUP_CODE_MISTYPED',
    );
}

export async function issueMemberCode(
  deps: Pick<PointsDeps, 'pointCodes' | 'now'>,
  userId: string,
  communityId: string,
) {
  const validUntil = new Date(deps.now().getTime() + MEMBER_CODE_SECONDS * 1000).toISOString();
  // 10^14 numbers: a draw that is taken is all but impossible, and simply drawn again.
  for (let draw = 0; draw < DRAWS; draw++) {
    const code = makeCode('member', randomDigit);
    if (await deps.pointCodes.putMemberCode({ code, userId, communityId, validUntil }))
      return { code, expiresAt: validUntil, refreshAfterSeconds: REFRESH_SECONDS };
  }
  throw new Error(`No free member code after ${DRAWS} draws`);
}

export const memberCodeUsed = () => refused('MEMBER_CODE_USED', '该积分码已使用过，请居民刷新后再扫');

/**
 * The resident behind a member code, if the server issued it, its minute is
 * not up and it is of this community; with what spends it in the credit's
 * transaction. Whether it was used already is that transaction's to decide,
 * so a retry of the same credit still replays its first answer.
 */
export async function readMemberCode(
  deps: Pick<PointsDeps, 'pointCodes' | 'now'>,
  code: string,
  communityId: string,
): Promise<{ userId: string; spend: Spend }> {
  checkTyped('member', code, 'body.memberCode');
  return memberCodeHolder(deps, code, communityId, await deps.pointCodes.getMemberCode(code));
}

/** `readMemberCode`'s checks on a code already read (with the rest of a weigh-in's first read). */
export async function memberCodeHolder(
  deps: Pick<PointsDeps, 'pointCodes' | 'now'>,
  code: string,
  communityId: string,
  issued: MemberCodeRecord | undefined,
): Promise<{ userId: string; spend: Spend }> {
  checkTyped('member', code, 'body.memberCode');
  if (!issued) throw refused('MEMBER_CODE_INVALID', '积分码无效或已过期，请让居民刷新');
  if (Date.parse(issued.validUntil) <= deps.now().getTime())
    throw refused('MEMBER_CODE_EXPIRED', '积分码已过期，请居民刷新后再扫');
  if (issued.communityId !== communityId) throw refused('MEMBER_CODE_FOREIGN', '这是其他社区的积分码');
  return { userId: issued.userId, spend: deps.pointCodes.spendMemberCode(code, memberCodeUsed) };
}

/** A fresh pickup code for a reservation (stored in the reservation's transaction). */
export function newPickupCode(): string {
  return makeCode('pickup', randomDigit);
}

export const pickupCodeTaken = () =>
  new BusinessRuleError('PICKUP_CODE_TAKEN', '领取码生成冲突，请再点一次“预约兑换”', [
    { field: 'body.items', message: '请重试' },
  ]);

/** The reservation a pickup code belongs to, if the server issued it, its window is open and it is of this community. */
export async function readPickupCode(deps: Pick<PointsDeps, 'pointCodes' | 'now'>, code: string, communityId: string) {
  const field = 'body.pickupCode';
  checkTyped('pickup', code, field);
  const issued = await deps.pointCodes.getPickupCode(code);
  if (!issued) throw refused('PICKUP_CODE_INVALID', '领取码无效，请核对数字，或请居民打开“我的兑换”出示', field);
  if (Date.parse(issued.validUntil) <= deps.now().getTime())
    throw refused('EXCHANGE_DAY_CLOSED', '兑换时间已过，该领取码已失效', field);
  if (issued.communityId !== communityId) throw refused('PICKUP_CODE_FOREIGN', '这是其他社区的领取码', field);
  return issued.redemptionId;
}
