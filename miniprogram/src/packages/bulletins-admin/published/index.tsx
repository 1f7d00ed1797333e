import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StaffGate } from '@/components/staff-gate';
import { usePaged } from '@/hooks/use-paged';
import { formatDateTime } from '@/lib/format';
import { go, withQuery } from '@/navigation';
import { BULLETIN_PAGES, bulletinsApi } from '@/services/bulletins';
import './index.scss';

const TITLE = '公告阅读情况';

/** Published bulletins, newest first, each a step from who has read it: grid workers follow up the important ones. */
export default function PublishedBulletinsPage() {
  return (
    <Screen title={TITLE}>
      <StaffGate
        roles={['admin', 'grid_worker']}
        signInReason="请以社区管理员或网格员身份登录后查看。"
        deniedText="公告阅读情况只对社区管理员和网格员开放。"
      >
        {({ community }) => <Published communityId={community.communityId} />}
      </StaffGate>
    </Screen>
  );
}

function Published({ communityId }: { communityId: string }) {
  const list = usePaged(`published:${communityId}`, (cursor) => bulletinsApi.manage(communityId, 'published', cursor), {
    reloadOnShow: true,
  });
  return (
    <Section title="已发布的公告" note="标“重要”的通知，请到未读的住户家里告知">
      {list.items.map((b) => (
        <View key={b.bulletinId} className="published__item">
          <View className="published__marks">
            {b.important && <Text className="published__important">重要</Text>}
            <Text className="published__kind">{b.kindLabel}</Text>
          </View>
          <Text className="published__title">{b.title}</Text>
          {b.publishedAt && <Text className="published__date">{`${formatDateTime(b.publishedAt)} 发布`}</Text>}
          <Button
            block
            fill="outline"
            onClick={() => go(withQuery(BULLETIN_PAGES.reads, { communityId, bulletinId: b.bulletinId }))}
          >
            {b.important ? '看谁还没读' : '阅读情况'}
          </Button>
        </View>
      ))}
      {!list.loading && !list.error && list.items.length === 0 && <Text className="para">还没有已发布的公告</Text>}
      <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
      {list.cursor && (
        <Button block fill="outline" onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
    </Section>
  );
}
