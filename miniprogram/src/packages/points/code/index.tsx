import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CommunityGate } from '@/components/community-gate';
import { LoadState } from '@/components/load-state';
import { CodeDigits, PointsBarcode, PointsQr } from '@/components/points-qr';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useWrite } from '@/hooks/use-write';
import { formatGrams } from '@/lib/format';
import { type ApiError, toApiError } from '@/services/api';
import { type CreditRequest, type MemberCodeBody, pointsApi } from '@/services/points';
import './index.scss';

/** How often the page asks whether a station is waiting for this resident's yes (only while it is on screen). */
const REQUESTS_EVERY_MS = 3000;

/** Whether the page is on screen: timers run only then. */
function useVisible() {
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  return visible;
}

/** The member code (16 digits, valid 60 s), fetched again every 30 s while the page is on screen. */
function MemberCode({ communityId, visible }: { communityId: string; visible: boolean }) {
  const [code, setCode] = useState<MemberCodeBody>();
  const [error, setError] = useState<ApiError>();
  const [now, setNow] = useState(Date.now());
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
  return (
    <View className="member-code">
      <Text className="para member-code__hint">出示给工作人员扫码，或念出下面的数字。</Text>
      <CodeDigits value={code.code} label="积分码" />
      <PointsQr value={code.code} label="积分码" />
      <PointsBarcode value={code.code} label="积分码" />
      <Text className="member-code__countdown">
        {expired ? '积分码已过期，正在刷新…' : `${refreshIn} 秒后自动刷新`}
      </Text>
      {error && <Text className="member-code__error">{error.message}</Text>}
      <Text className="para member-code__hint">
        数字每半分钟自动换新，旧的 1
        分钟后失效，每个码只能记一次分。工作人员没法扫码时，可以按楼栋门牌找到您，这里会请您确认。
      </Text>
    </View>
  );
}

const describe = (r: CreditRequest) => r.lines.map((l) => `${l.label} ${formatGrams(l.grams)}`).join('、');

/** One station's request to credit a weigh-in, which the resident confirms (or declines) here. */
function RequestCard({
  communityId,
  request,
  onAnswer,
  onDone,
}: {
  communityId: string;
  request: CreditRequest;
  /** Called on the tap, so the card stays with its outcome after the request leaves the list. */
  onAnswer: () => void;
  onDone: () => void;
}) {
  const confirm = useWrite((_body: null, key: string) =>
    pointsApi.confirmCreditRequest(communityId, request.requestId, key),
  );
  const decline = useWrite((_body: null) => pointsApi.declineCreditRequest(communityId, request.requestId));
  const outcome = confirm.result
    ? confirm.result.status === 'held'
      ? '已确认。本次称重交社区管理员审核后记分'
      : `已确认，记 ${confirm.result.points} 分，现有 ${confirm.result.balance} 分`
    : decline.result
      ? '已拒绝，这次没有记分'
      : undefined;
  if (outcome)
    return (
      <View className="credit-ask credit-ask--done">
        <Text className="credit-ask__text">{outcome}</Text>
        <Button block fill="outline" type="primary" onClick={onDone}>
          好的
        </Button>
      </View>
    );
  const problem = confirm.error ?? decline.error;
  const busy = confirm.busy || decline.busy;
  return (
    <View className="credit-ask">
      <Text className="credit-ask__text">
        {`${request.stationName} ${request.operatorName} 请求为您记积分：${describe(request)}（约 ${request.points} 分），确认？`}
      </Text>
      {problem && <Text className="member-code__error">{problem.message}</Text>}
      <Button
        block
        type="primary"
        size="large"
        loading={confirm.busy}
        disabled={busy}
        onClick={() => {
          onAnswer();
          void confirm.run(null);
        }}
      >
        确认记分
      </Button>
      <Button
        block
        fill="outline"
        size="large"
        disabled={busy}
        onClick={() => {
          onAnswer();
          void decline.run(null);
        }}
      >
        不对，拒绝
      </Button>
    </View>
  );
}

/** Requests waiting for this resident's yes, asked again every few seconds while the page is on screen. */
function CreditAsks({ communityId, visible }: { communityId: string; visible: boolean }) {
  const [known, setKnown] = useState<Record<string, CreditRequest>>({});
  const [waiting, setWaiting] = useState<string[]>([]);
  // Answered ones stay (with their outcome) until 好的; dismissed ones go.
  const [answered, setAnswered] = useState<string[]>([]);
  const [dismissed, setDismissed] = useState<string[]>([]);
  useEffect(() => {
    if (!visible) return;
    let stop = false;
    const poll = async () => {
      try {
        const page = await pointsApi.myCreditRequests(communityId);
        if (stop) return;
        setKnown((prev) => ({ ...prev, ...Object.fromEntries(page.items.map((r) => [r.requestId, r])) }));
        setWaiting(page.items.map((r) => r.requestId));
      } catch {
        // A missed poll is asked again in a moment.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), REQUESTS_EVERY_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [communityId, visible]);
  const shown = Object.values(known).filter(
    (r) => !dismissed.includes(r.requestId) && (waiting.includes(r.requestId) || answered.includes(r.requestId)),
  );
  if (shown.length === 0) return null;
  return (
    <Section title="请您确认" note="只确认您本人刚刚在服务站称过的">
      {shown.map((request) => (
        <RequestCard
          key={request.requestId}
          communityId={communityId}
          request={request}
          onAnswer={() => setAnswered((prev) => [...prev, request.requestId])}
          onDone={() => setDismissed((prev) => [...prev, request.requestId])}
        />
      ))}
    </Section>
  );
}

export default function MemberCodePage() {
  const visible = useVisible();
  return (
    <Screen title="我的积分码">
      <CommunityGate reason="登录并绑定房屋后，才能出示积分码。">
        {(community) => (
          <>
            <CreditAsks communityId={community.communityId} visible={visible} />
            <MemberCode communityId={community.communityId} visible={visible} />
          </>
        )}
      </CommunityGate>
    </Screen>
  );
}
