import type { Community } from '@linli/shared';
import type { ReactNode } from 'react';
import { StaffGate } from '@/components/staff-gate';

/** The community a points admin page is about (`?communityId=`, else where the person is an admin), for admins only. */
export function AdminGate({ children }: { children: (community: Community) => ReactNode }) {
  return (
    <StaffGate
      roles={['admin']}
      signInReason="社区管理员登录后才能使用。"
      deniedTitle="没有管理权限"
      deniedText="这里只对社区管理员开放。"
    >
      {({ community }) => children(community)}
    </StaffGate>
  );
}
