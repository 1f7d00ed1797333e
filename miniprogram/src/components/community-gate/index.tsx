import type { Community } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { LoadState } from '@/components/load-state';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useCommunity } from '@/hooks/use-community';
import { currentCommunityId, useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';
import { go, PAGES } from '@/navigation';

interface CommunityGateProps {
  /** Why the page needs to know the person's community, said to a signed-out person. */
  reason: string;
  children: (community: Community) => ReactNode;
}

/** Renders `children` with the person's community, or says what is missing (sign-in, a household). */
export function CommunityGate({ reason, children }: CommunityGateProps) {
  const session = useSession();
  const me = useMe();
  const communityId = currentCommunityId(me.me);
  const community = useCommunity(communityId);

  if (!session) return <SignInPrompt reason={reason} />;
  if (!me.me) return <LoadState loading={me.loading} error={me.error} onRetry={me.reload} />;
  if (!communityId)
    return (
      <Section title="请先绑定房屋">
        <Text className="para">{reason}</Text>
        <Button block type="primary" onClick={() => go(PAGES.household)}>
          绑定房屋
        </Button>
      </Section>
    );
  if (!community.data)
    return <LoadState loading={community.loading} error={community.error} onRetry={community.reload} />;
  return <>{children(community.data)}</>;
}
