import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { LoadState } from '@/components/load-state';
import { MessageCard, refreshUnreadMessages, setUnreadMessages, useUnreadMessages } from '@/components/message-list';
import { Screen } from '@/components/screen';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { usePaged } from '@/hooks/use-paged';
import { useSession } from '@/hooks/use-session';
import { useWrite } from '@/hooks/use-write';
import { PAGES } from '@/navigation';
import { api, type Message } from '@/services/api';
import './index.scss';

const TAB_PAGES: readonly string[] = [PAGES.home, PAGES.feedback, PAGES.points, PAGES.mine];
const same = (a: Message, b: Message) => a.messageId === b.messageId;

/** 消息: everything the community and the app told the person, newest first. */
export default function MessagesPage() {
  const session = useSession();
  return (
    <Screen title="消息">
      {session ? (
        <Inbox userId={session.user.userId} />
      ) : (
        <SignInPrompt reason="登录后，反映的办理进度、积分变动和兑换提醒都会在这里告诉您。" />
      )}
    </Screen>
  );
}

/** A message's `link` is a page path with its query (`packages/feedback/detail/index?…`). */
function openLink(link: string): void {
  const url = `/${link.replace(/^\/+/, '')}`;
  const path = url.split('?')[0] ?? url;
  const opened = TAB_PAGES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url });
  void Promise.resolve(opened).catch(() => {
    void Taro.showToast({ title: '这个页面暂时打不开', icon: 'none' });
  });
}

function Inbox({ userId }: { userId: string }) {
  const list = usePaged(`messages:${userId}`, async (cursor) => {
    const page = await api.messages(cursor);
    setUnreadMessages(page.unread);
    return page;
  });
  const unread = useUnreadMessages();
  const readingAll = useWrite(
    async () => {
      const res = await api.markMessagesRead({ all: true });
      for (const m of list.items) if (!m.read) list.replace({ ...m, read: true }, same);
      setUnreadMessages(res.unread);
    },
    { onError: (error) => void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 }) },
  );

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (list.cursor && !list.loading && !list.error) void list.more();
  });

  function open(message: Message) {
    if (!message.read) {
      // Shown read at once; the server's answer brings the true count.
      list.replace({ ...message, read: true }, same);
      if (unread) setUnreadMessages(unread - 1);
      api.markMessagesRead({ ids: [message.messageId] }).then(
        (res) => setUnreadMessages(res.unread),
        () => {
          list.replace(message, same);
          void refreshUnreadMessages();
        },
      );
    }
    if (message.link) openLink(message.link);
  }

  const empty = !list.loading && !list.error && list.items.length === 0;

  return (
    <View className="messages">
      {list.items.length > 0 && (
        <View className="messages__bar">
          <Text className="messages__count">{unread ? `${unread} 条未读` : '没有未读消息'}</Text>
          <Button
            size="small"
            fill="outline"
            type="primary"
            className="messages__read-all"
            disabled={!unread}
            loading={readingAll.busy}
            onClick={() => void readingAll.run(undefined)}
          >
            全部已读
          </Button>
        </View>
      )}

      {list.items.map((message) => (
        <MessageCard key={message.messageId} message={message} onOpen={() => open(message)} />
      ))}

      {empty && (
        <View className="messages__empty">
          <Text className="messages__empty-title">暂无消息</Text>
          <Text className="messages__empty-note">反映的问题有了进展、积分有变动、兑换有提醒时，会在这里告诉您。</Text>
        </View>
      )}

      <LoadState loading={list.loading} error={list.error} onRetry={() => void list.reload()} />
      {list.cursor && !list.loading && !list.error && (
        <Button block fill="outline" className="messages__more" onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
      {!list.cursor && !list.loading && list.items.length > 0 && (
        <Text className="messages__end">没有更多了 · 下拉可刷新</Text>
      )}
    </View>
  );
}
