import { Image, Text, View } from '@tarojs/components';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useAsync } from '@/hooks/use-async';
import { useSession } from '@/hooks/use-session';
import { formatDateTime } from '@/lib/format';
import { go, withQuery } from '@/navigation';
import { BULLETIN_PAGES, bulletinsApi } from '@/services/bulletins';
import './index.scss';

const TITLE = '睦邻服务报';

/** One issue of the neighbourhood newsletter: its cover and table of contents. */
export default function NewsletterIssuePage() {
  const { params } = useRouter();
  const communityId = params.communityId ?? '';
  const issueId = params.issueId ?? '';
  const session = useSession();
  const issue = useAsync(session && communityId && issueId ? `${communityId}:${issueId}` : null, () =>
    bulletinsApi.newsletter(communityId, issueId),
  );
  useShareAppMessage(() => ({
    title: issue.data?.title ?? TITLE,
    path: withQuery(BULLETIN_PAGES.issue, { communityId, issueId }),
  }));

  if (!session)
    return (
      <Screen title={TITLE}>
        <SignInPrompt reason="登录后就能阅读睦邻服务报。" />
      </Screen>
    );
  const data = issue.data;
  if (!data)
    return (
      <Screen title={TITLE}>
        <LoadState loading={issue.loading} error={issue.error} onRetry={() => void issue.reload()} />
      </Screen>
    );

  return (
    <Screen title={TITLE}>
      <View className="issue">
        {data.coverUrl ? (
          <Image className="issue__cover" src={data.coverUrl} mode="widthFix" />
        ) : (
          <View className="issue__masthead">
            <Text className="issue__masthead-text">睦邻服务报</Text>
          </View>
        )}
        <Text className="issue__title">{data.title}</Text>
        <Text className="issue__date">{`${formatDateTime(data.createdAt)} 出版 · 共 ${data.articles.length} 篇`}</Text>

        <Text className="issue__toc-title">本期目录</Text>
        {data.articles.map((article, index) => (
          <View
            key={article.bulletinId}
            className="issue__entry"
            hoverClass="issue__entry--pressed"
            aria-role="link"
            onClick={() => go(withQuery(BULLETIN_PAGES.detail, { communityId, bulletinId: article.bulletinId }))}
          >
            <Text className="issue__number">{index + 1}</Text>
            <View className="issue__entry-words">
              <Text className="issue__entry-kind">{article.kindLabel}</Text>
              <Text className="issue__entry-title">{article.title}</Text>
            </View>
            <Text className="issue__entry-go">{article.read ? '已读 ›' : '阅读 ›'}</Text>
          </View>
        ))}
      </View>
    </Screen>
  );
}
