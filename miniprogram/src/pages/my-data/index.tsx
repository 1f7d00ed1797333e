import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useAsync } from '@/hooks/use-async';
import { useSession } from '@/hooks/use-session';
import { formatDateTime } from '@/lib/format';
import { api } from '@/services/api';
import './index.scss';

/** PIPL: everything held about the person, shown in full and copyable. */
export default function MyDataPage() {
  const session = useSession();
  const exported = useAsync(session ? session.user.userId : null, api.exportMe);

  if (!session)
    return (
      <Screen title="我的数据">
        <SignInPrompt reason="登录后可以导出您的数据。" />
      </Screen>
    );

  const text = exported.data ? JSON.stringify(exported.data, null, 2) : '';
  return (
    <Screen title="我的数据">
      <LoadState loading={exported.loading} error={exported.error} onRetry={exported.reload} />
      {exported.data && (
        <>
          <Section title="我们保存的关于您的全部数据" note={`导出时间：${formatDateTime(exported.data.exportedAt)}`}>
            <Text className="para">{exported.data.notice}</Text>
            <Button block type="primary" onClick={() => void Taro.setClipboardData({ data: text })}>
              复制全部数据
            </Button>
          </Section>
          <Section title="数据内容">
            <Text className="my-data__json" userSelect>
              {text}
            </Text>
          </Section>
        </>
      )}
    </Screen>
  );
}
