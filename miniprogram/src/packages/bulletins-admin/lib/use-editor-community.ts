import { hasAnyRole } from '@linli/shared/rules';
import { useRouter } from '@tarojs/taro';
import { rolesIn, useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';

/** The community an editor page is about (`?communityId=`, else where the person is an admin) and whether they edit it. */
export function useEditorCommunity(roles: ('admin' | 'grid_worker')[] = ['admin']) {
  const { params } = useRouter();
  const session = useSession();
  const me = useMe();
  const communityId = params.communityId || me.me?.memberships.find((m) => hasAnyRole(m.roles, roles))?.communityId;
  const allowed = hasAnyRole(rolesIn(me.me, communityId), roles);
  return { session, me, params, communityId: allowed ? communityId : undefined, allowed };
}
