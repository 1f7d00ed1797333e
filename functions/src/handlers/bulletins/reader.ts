import { UnauthorizedError } from '@linli/shared';
import type { MembershipRecord } from '../../data/users.js';
import { access } from '../../deps.js';
import type { Reader } from '../../domain/bulletins/deps.js';

export async function readerOf(userId: string, membership: MembershipRecord): Promise<Reader> {
  const profile = await access().profile(userId);
  if (!profile) throw new UnauthorizedError('USER_GONE', '账号已注销，请重新登录');
  return {
    userId,
    name: profile.nickname,
    openid: profile.openid,
    roles: membership.roles,
    gridIds: membership.gridIds,
    home: membership.home,
  };
}

/** The feed needs no name: the membership is enough, and saves a round trip. */
export function quickReader(userId: string, membership: MembershipRecord): Reader {
  return { userId, name: '', roles: membership.roles, gridIds: membership.gridIds, home: membership.home };
}
