import { BULLETIN_KIND_LABELS, BULLETIN_KINDS, type BulletinKind, hasAnyRole } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { BulletinCard } from '@/components/bulletin-card';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { HouseholdCard } from '@/components/household-card';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { StaffEntries, StreetEntry, UnitEntry } from '@/components/staff-entries';
import { useAsync } from '@/hooks/use-async';
import { currentMembership, latestHousehold, useMe } from '@/hooks/use-me';
import { usePaged } from '@/hooks/use-paged';
import { useSession } from '@/hooks/use-session';
import { go, PAGES, withQuery } from '@/navigation';
import { BULLETIN_PAGES, bulletinsApi } from '@/services/bulletins';
import './index.scss';

type KindFilter = BulletinKind | 'all';
const KIND_CHOICES: Choice<KindFilter>[] = [
  { value: 'all', label: '全部' },
  ...BULLETIN_KINDS.map((kind) => ({ value: kind, label: BULLETIN_KIND_LABELS[kind] })),
];

/** 首页: the community's bulletins (pinned first, then newest), with the household prompt above. */
export default function HomePage() {
  const session = useSession();
  const { me, error, loading, reload } = useMe();
  const membership = currentMembership(me);
  const household = membership?.household ?? latestHousehold(me);
  const communityId = membership?.communityId;
  const [kind, setKind] = useState<KindFilter>('all');

  const feed = usePaged(
    communityId ? `${communityId}:${kind}` : null,
    (cursor) => bulletinsApi.feed(communityId ?? '', kind === 'all' ? undefined : kind, cursor),
    { reloadOnShow: true },
  );
  const issues = useAsync(communityId && kind === 'newsletter' ? `${communityId}:issues` : null, () =>
    bulletinsApi.newsletters(communityId ?? ''),
  );

  const refreshBadge = useCallback(async () => {
    if (!communityId) return;
    try {
      const { unread } = await bulletinsApi.unread(communityId);
      if (unread > 0) await Taro.setTabBarBadge({ index: 0, text: unread > 99 ? '99+' : String(unread) });
      else await Taro.removeTabBarBadge({ index: 0 });
    } catch {
      // The badge is a hint; the feed itself says what is unread.
    }
  }, [communityId]);

  useDidShow(() => void refreshBadge());
  // The community becomes known after the first show (sign-in, profile load): the badge cannot wait for the next.
  useEffect(() => {
    if (communityId) void refreshBadge();
    else if (!session) void Taro.removeTabBarBadge({ index: 0 }).catch(() => undefined);
  }, [communityId, session, refreshBadge]);

  usePullDownRefresh(() => {
    void Promise.all([feed.reload(), refreshBadge(), reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const isAdmin = !!membership && hasAnyRole(membership.roles, ['admin']);
  const needsHousehold = !!me && household?.status !== 'approved';

  return (
    <Screen title="首页">
      <View className="home__hero">
        <Text className="home__greeting">{session ? `您好，${session.user.nickname}` : '您好，欢迎来到邻里'}</Text>
        <Text className="home__sub">
          {membership ? `${membership.communityName} · 社区公告` : '社区服务：反映问题、垃圾分类积分、社区消息'}
        </Text>
      </View>

      {!session && <SignInPrompt reason="登录并绑定房屋后，就能看到您所在社区的通知和新闻。" />}

      {session && !me && <LoadState loading={loading} error={error} onRetry={reload} />}

      {needsHousehold && (
        <Section title="我的房屋">
          {household ? (
            <HouseholdCard household={household} />
          ) : (
            <Text className="para">您还没有绑定房屋。绑定后就能收到您所在小区的通知。</Text>
          )}
          {household?.status !== 'pending' && (
            <Button block type="primary" onClick={() => go(PAGES.household)}>
              {household ? '重新申请绑定' : '绑定房屋'}
            </Button>
          )}
        </Section>
      )}

      {isAdmin && communityId && (
        <Section title="公告管理" note="写公告需另一位管理员审核后发布">
          <View className="home__admin">
            <Button
              className="home__admin-action"
              type="primary"
              onClick={() => go(withQuery(BULLETIN_PAGES.edit, { communityId }))}
            >
              写公告
            </Button>
            <Button
              className="home__admin-action"
              onClick={() => go(withQuery(BULLETIN_PAGES.review, { communityId }))}
            >
              审核和发布
            </Button>
          </View>
        </Section>
      )}

      {me && membership && <StaffEntries communityId={membership.communityId} roles={membership.roles} />}
      {me && (me.streets ?? []).map((s) => <StreetEntry key={s.streetId} street={s} />)}
      {me && (me.units ?? []).map((u) => <UnitEntry key={u.unitId} unit={u} />)}

      {communityId && (
        <View className="home__feed">
          <ChoiceChips scroll choices={KIND_CHOICES} value={kind} onChange={setKind} className="home__kinds" />

          {kind === 'newsletter' && (issues.data?.items.length ?? 0) > 0 && (
            <Section title="睦邻服务报 · 往期">
              {issues.data?.items.map((issue) => (
                <View
                  key={issue.issueId}
                  className="home__issue"
                  hoverClass="home__issue--pressed"
                  onClick={() => go(withQuery(BULLETIN_PAGES.issue, { communityId, issueId: issue.issueId }))}
                >
                  <Text className="home__issue-title">{issue.title}</Text>
                  <Text className="home__issue-go">阅读本期 ›</Text>
                </View>
              ))}
            </Section>
          )}

          {feed.items.map((item) => (
            <BulletinCard
              key={item.bulletinId}
              item={item}
              onOpen={() => go(withQuery(BULLETIN_PAGES.detail, { communityId, bulletinId: item.bulletinId }))}
            />
          ))}

          {!feed.loading && !feed.error && feed.items.length === 0 && (
            <View className="home__empty">
              <Text>{kind === 'all' ? '社区还没有发布公告' : `还没有「${BULLETIN_KIND_LABELS[kind]}」`}</Text>
            </View>
          )}

          <LoadState loading={feed.loading} error={feed.error} onRetry={() => void feed.reload()} />
          {feed.cursor && !feed.loading && (
            <Button block fill="outline" className="home__more" onClick={() => void feed.more()}>
              加载更多
            </Button>
          )}
          {!feed.cursor && !feed.loading && feed.items.length > 0 && (
            <Text className="home__end">没有更多了 · 下拉可刷新</Text>
          )}
        </View>
      )}
    </Screen>
  );
}
