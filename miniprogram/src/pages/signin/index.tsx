import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PersonaPicker } from '@/components/persona-picker';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { refreshMe } from '@/hooks/use-me';
import { usePrivacyConsent } from '@/hooks/use-session';
import { useWrite } from '@/hooks/use-write';
import { PAGES } from '@/navigation';
import { api, type Session } from '@/services/api';
import { openPrivacyPrompt } from '@/services/privacy-prompt';
import './index.scss';

export default function SignInPage() {
  const consented = usePrivacyConsent();
  const { params } = useRouter();
  const signing = useWrite(async ({ run }: { id: string; run: () => Promise<Session> }) => {
    await run();
    await refreshMe();
    await Taro.switchTab({ url: PAGES.home });
  });
  const busy = signing.busy ? (signing.last?.id ?? null) : null;
  const error = signing.error?.message;

  function signIn(id: string, run: () => Promise<Session>) {
    // Nothing is sent before the privacy guide is agreed to.
    if (!consented) return openPrivacyPrompt();
    void signing.run({ id, run });
  }

  return (
    <Screen title="登录">
      <View className="signin__hero">
        <Text className="signin__brand">邻里</Text>
        <Text className="signin__slogan">反映问题、积分兑换、社区消息，一处办理</Text>
      </View>

      {params.expired && <Text className="signin__notice">登录已过期，请重新登录。</Text>}

      {!consented && (
        <Section title="登录前请先阅读隐私保护指引">
          <Text className="para">同意《邻里隐私保护指引》后才能登录。我们只收集提供社区服务所需的信息。</Text>
          <Button block type="primary" fill="outline" onClick={openPrivacyPrompt}>
            查看并同意
          </Button>
        </Section>
      )}

      {error && <Text className="signin__error">{error}</Text>}

      {process.env.TARO_ENV === 'weapp' && (
        <Button
          block
          size="large"
          type="primary"
          loading={busy === 'wechat'}
          onClick={() => void signIn('wechat', api.signInWithWechat)}
        >
          微信一键登录
        </Button>
      )}

      {LINLI_DEV_SIGNIN && (
        <PersonaPicker busy={busy} onPick={(p) => void signIn(p.persona, () => api.signInAsPersona(p.persona))} />
      )}

      {process.env.TARO_ENV !== 'weapp' && !LINLI_DEV_SIGNIN && (
        <Section title="请在微信中使用">
          <Text className="para">请在微信里搜索“邻里”小程序，登录后使用全部功能。</Text>
        </Section>
      )}
    </Screen>
  );
}
