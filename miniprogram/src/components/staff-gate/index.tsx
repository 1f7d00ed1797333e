import type { Community, Membership, Role } from '@linli/shared';
import { hasAnyRole } from '@linli/shared/rules';
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { LoadState } from '@/components/load-state';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useCommunity } from '@/hooks/use-community';
import { useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';

export interface StaffContext {
  membership: Membership;
  community: Community;
}

interface StaffGateProps {
  /** Any of these roles in the community opens the page. */
  roles: Role[];
  /** Said to a signed-out person. */
  signInReason: string;
  /** Said to a signed-in person without the roles. */
  deniedText: string;
  deniedTitle?: string;
  children: (context: StaffContext) => ReactNode;
}

/**
 * A staff or admin page's door: the community is `?communityId=` when the
 * person holds one of `roles` there, else the first where they do. Renders
 * `children` with that membership and community, or says what is missing.
 */
export function StaffGate({ roles, signInReason, deniedText, deniedTitle = '没有权限', children }: StaffGateProps) {
  const { params } = useRouter();
  const session = useSession();
  const me = useMe();
  const memberships = me.me?.memberships.filter((m) => hasAnyRole(m.roles, roles)) ?? [];
  const membership = memberships.find((m) => m.communityId === params.communityId) ?? memberships[0];
  const community = useCommunity(membership?.communityId);

  if (!session) return <SignInPrompt reason={signInReason} />;
  if (!me.me) return <LoadState loading={me.loading} error={me.error} onRetry={me.reload} />;
  if (!membership)
    return (
      <Section title={deniedTitle}>
        <Text className="para">{deniedText}</Text>
      </Section>
    );
  if (!community.data)
    return <LoadState loading={community.loading} error={community.error} onRetry={community.reload} />;
  return <>{children({ membership, community: community.data })}</>;
}
