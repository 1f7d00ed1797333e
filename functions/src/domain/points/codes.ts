import { BusinessRuleError } from '@linli/shared';
import { newId } from '../../data/keys.js';
import type { PointsDeps } from './deps.js';

const MEMBER = 'linli-member-code';
const PICKUP = 'linli-pickup-code';
/** A member code is valid 60 s; the app shows a fresh one every 30 s. */
const MEMBER_CODE_SECONDS = 60;
const REFRESH_SECONDS = 30;

const refused = (code: string, message: string, field = 'body.memberCode') =>
  new BusinessRuleError(code, message, [{ field, message }]);

export async function issueMemberCode(deps: Pick<PointsDeps, 'codes' | 'now'>, userId: string, communityId: string) {
  const expiresAt = new Date(deps.now().getTime() + MEMBER_CODE_SECONDS * 1000);
  const code = await deps.codes.sign(MEMBER, { sub: userId, cid: communityId, jti: newId() }, expiresAt);
  return { code, expiresAt: expiresAt.toISOString(), refreshAfterSeconds: REFRESH_SECONDS };
}

/** The resident behind a scanned member code, if it is genuine, fresh and of this community. */
export async function readMemberCode(deps: Pick<PointsDeps, 'codes' | 'now'>, code: string, communityId: string) {
  const claims = await deps.codes.verify(MEMBER, code, deps.now());
  if (claims === 'expired') throw refused('MEMBER_CODE_EXPIRED', '积分码已过期，请居民刷新后再扫');
  if (claims === 'invalid') throw refused('MEMBER_CODE_INVALID', '积分码无效，请居民打开“积分”页重新出示');
  if (claims.cid !== communityId) throw refused('MEMBER_CODE_FOREIGN', '这是其他社区的积分码');
  return { userId: claims.sub, jti: claims.jti, expiresAt: claims.exp };
}

export const memberCodeUsed = () => refused('MEMBER_CODE_USED', '该积分码已使用过，请居民刷新后再扫');

export async function issuePickupCode(
  deps: Pick<PointsDeps, 'codes'>,
  redemptionId: string,
  communityId: string,
  windowClosesAt: string,
) {
  return deps.codes.sign(PICKUP, { sub: redemptionId, cid: communityId, jti: redemptionId }, new Date(windowClosesAt));
}

export async function readPickupCode(deps: Pick<PointsDeps, 'codes' | 'now'>, code: string, communityId: string) {
  const claims = await deps.codes.verify(PICKUP, code, deps.now());
  const field = 'body.pickupCode';
  if (claims === 'expired') throw refused('EXCHANGE_DAY_CLOSED', '兑换时间已过，该领取码已失效', field);
  if (claims === 'invalid') throw refused('PICKUP_CODE_INVALID', '领取码无效', field);
  if (claims.cid !== communityId) throw refused('PICKUP_CODE_FOREIGN', '这是其他社区的领取码', field);
  return claims.sub;
}
