import { UnauthorizedError } from '@linli/shared';
import { access } from '../../deps.js';

/** The caller's name, for their reservations. */
export async function residentOf(userId: string) {
  const profile = await access().profile(userId);
  if (!profile) throw new UnauthorizedError('USER_GONE', '账号已注销，请重新登录');
  return { userId, name: profile.nickname };
}
