import { UnauthorizedError } from '@linli/shared';
import type { MembershipRecord } from '../../data/users.js';
import { access } from '../../deps.js';
import type { Actor } from '../../domain/feedback/deps.js';

/** Who the caller is on the timeline: their name and openid (for the content check), from what the container remembers. */
async function named(userId: string): Promise<Pick<Actor, 'userId' | 'name' | 'openid'>> {
  const profile = await access().profile(userId);
  if (!profile) throw new UnauthorizedError('USER_GONE', '账号已注销，请重新登录');
  return { userId, name: profile.nickname, openid: profile.openid };
}

/** The caller as the feedback rules see them: roles and grids here, name and openid for the timeline and checks. */
export async function actorOf(userId: string, membership: MembershipRecord): Promise<Actor> {
  return { ...(await named(userId)), roles: membership.roles, gridIds: membership.gridIds };
}

/** The caller acting for a unit (its queue) or a street office (its desk): no community roles, only that desk. */
export async function deskActorOf(userId: string, desk: { unitId: string } | { streetId: string }): Promise<Actor> {
  return {
    ...(await named(userId)),
    roles: [],
    gridIds: [],
    ...('unitId' in desk ? { unitIds: [desk.unitId] } : { streetIds: [desk.streetId] }),
  };
}
