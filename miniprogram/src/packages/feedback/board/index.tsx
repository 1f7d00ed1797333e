import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { currentCommunityId, useMe } from '@/hooks/use-me';
import { usePaged } from '@/hooks/use-paged';
import { useSession } from '@/hooks/use-session';
import { formatDateTime } from '@/lib/format';
import { api, type BoardEntry } from '@/services/api';
import './index.scss';

const TITLE = '公示栏';

/** What the community fixed: resolved reports, without names (the API leaves them out). */
export default function BoardPage() {
  const { params } = useRouter();
  const session = useSession();
  const me = useMe();
  const communityId = params.communityId || currentCommunityId(me.me);
  const communityName = me.me?.memberships.find((m) => m.communityId === communityId)?.communityName;
  const board = usePaged(session && communityId ? `board:${communityId}` : null, (cursor) =>
    api.feedbackBoard(communityId ?? '', cursor),
  );

  if (!session)
    return (
      <Screen title={TITLE}>
        <SignInPrompt reason="登录后可以看到社区办好了哪些事。" />
      </Screen>
    );

  return (
    <Screen title={TITLE}>
      <View className="board__head">
        <Text className="board__title">{communityName ? `${communityName}公示栏` : TITLE}</Text>
        <Text className="board__note">居民反映的问题，办好了都公示在这里（不显示反映人）</Text>
      </View>

      {board.items.map((item) => (
        <BoardCard key={item.reportId} item={item} />
      ))}

      {!board.loading && !board.error && board.items.length === 0 && (
        <Section title="还没有公示的事项">
          <Text className="para">问题办好后会公示在这里。</Text>
        </Section>
      )}
      <LoadState loading={board.loading} error={board.error} onRetry={() => void board.reload()} />
      {board.cursor && !board.loading && (
        <Button block fill="outline" onClick={() => void board.more()}>
          加载更多
        </Button>
      )}
    </Screen>
  );
}

function BoardCard({ item }: { item: BoardEntry }) {
  return (
    <View className="board-card" data-report={item.reportId}>
      <View className="board-card__head">
        <Text className="board-card__category">{item.categoryLabel}</Text>
        <Text className="board-card__place">{item.place}</Text>
      </View>
      <Text className="board-card__description">{item.description || '（未填写描述）'}</Text>
      {item.resolution && (
        <View className="board-card__resolution">
          <Text className="board-card__label">处理结果</Text>
          <Text>{item.resolution}</Text>
        </View>
      )}
      <Text className="board-card__meta">
        反映于 {formatDateTime(item.createdAt)}
        {item.resolvedAt ? `，办结于 ${formatDateTime(item.resolvedAt)}` : ''}
      </Text>
      {item.rating !== null && (
        <Text className="board-card__rating">
          居民评价 {'★'.repeat(item.rating)}
          {'☆'.repeat(5 - item.rating)} {item.rating} 分
        </Text>
      )}
    </View>
  );
}
