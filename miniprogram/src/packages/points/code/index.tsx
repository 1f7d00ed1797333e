import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CommunityGate } from '@/components/community-gate';
import { LoadState } from '@/components/load-state';
import { CodeText, PointsQr } from '@/components/points-qr';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { type ApiError, toApiError } from '@/services/api';
import { type MemberCodeBody, pointsApi } from '@/services/points';
import './index.scss';

/** The signed member code (valid 60 s), fetched again every 30 s while the page is on screen. */
function MemberCode({ communityId }: { communityId: string }) {
  const [code, setCode] = useState<MemberCodeBody>();
  const [error, setError] = useState<ApiError>();
  const [now, setNow] = useState(Date.now());
  const [visible, setVisible] = useState(true);
  const fetched = useRef(0);

  const load = useCallback(async () => {
    try {
      const next = await pointsApi.memberCode(communityId);
      fetched.current = Date.now();
      setCode(next);
      setError(undefined);
    } catch (e) {
      setError(toApiError(e));
    }
  }, [communityId]);

  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (!visible) return;
    void load();
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [visible, load]);

  const refreshEvery = (code?.refreshAfterSeconds ?? 30) * 1000;
  useEffect(() => {
    if (visible && code && now - fetched.current >= refreshEvery) void load();
  }, [now, visible, code, refreshEvery, load]);

  if (!code) return <LoadState loading={!error} error={error} onRetry={load} />;
  const refreshIn = Math.max(0, Math.ceil((fetched.current + refreshEvery - now) / 1000));
  const expired = Date.parse(code.expiresAt) <= now;
  const copy = () => void Taro.setClipboardData({ data: code.code });
  return (
    <View className="member-code">
      <PointsQr value={code.code} label="积分码" />
      <Text className="member-code__countdown">
        {expired ? '积分码已过期，正在刷新…' : `${refreshIn} 秒后自动刷新`}
      </Text>
      {error && <Text className="member-code__error">{error.message}</Text>}
      <Text className="para member-code__hint">
        请把积分码给服务站工作人员扫描。积分码 1 分钟内有效，不要截图发给别人。
      </Text>
      <Section title="积分码文字" note="扫不了码时，可复制下面的文字给工作人员">
        <CodeText value={code.code} />
        <Button block fill="outline" type="primary" onClick={copy}>
          复制积分码
        </Button>
      </Section>
    </View>
  );
}

export default function MemberCodePage() {
  return (
    <Screen title="我的积分码">
      <CommunityGate reason="登录并绑定房屋后，才能出示积分码。">
        {(community) => <MemberCode communityId={community.communityId} />}
      </CommunityGate>
    </Screen>
  );
}
