import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { HouseholdCard } from '@/components/household-card';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { StaffEntries } from '@/components/staff-entries';
import { StationList } from '@/components/station-list';
import { useCommunity } from '@/hooks/use-community';
import { currentCommunityId, currentMembership, latestHousehold, useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';
import { go, PAGES } from '@/navigation';
import './index.scss';

export default function HomePage() {
  const session = useSession();
  const { me, error, loading, reload } = useMe();
  const membership = currentMembership(me);
  const community = useCommunity(currentCommunityId(me));
  const household = membership?.household ?? latestHousehold(me);

  return (
    <Screen title="首页">
      <View className="home__hero">
        <Text className="home__greeting">{session ? `您好，${session.user.nickname}` : '您好，欢迎来到邻里'}</Text>
        <Text className="home__sub">
          {membership ? membership.communityName : '社区服务：反映问题、垃圾分类积分、社区消息'}
        </Text>
      </View>

      {!session && <SignInPrompt reason="登录并绑定房屋后，就能使用您所在社区的服务。" />}

      {session && !me && <LoadState loading={loading} error={error} onRetry={reload} />}

      {me && (
        <Section title="我的房屋">
          {household ? (
            <HouseholdCard household={household} />
          ) : (
            <Text className="para">您还没有绑定房屋。绑定后社区才能确认您是本社区居民。</Text>
          )}
          {household?.status !== 'approved' && household?.status !== 'pending' && (
            <Button block type="primary" onClick={() => go(PAGES.household)}>
              {household ? '重新申请绑定' : '绑定房屋'}
            </Button>
          )}
        </Section>
      )}

      {me && membership && <StaffEntries communityId={membership.communityId} roles={membership.roles} />}

      <Section title="常用服务">
        <View className="home__shortcuts">
          <Button className="home__shortcut" onClick={() => go(PAGES.feedback)}>
            意见箱
          </Button>
          <Button className="home__shortcut" onClick={() => go(PAGES.points)}>
            积分
          </Button>
          <Button className="home__shortcut" onClick={() => go(PAGES.mine)}>
            我的
          </Button>
        </View>
      </Section>

      {community.data && (
        <Section title="党群服务站" note="可以到这些服务站当面办事、称重积分">
          <StationList community={community.data} />
        </Section>
      )}
    </Screen>
  );
}
