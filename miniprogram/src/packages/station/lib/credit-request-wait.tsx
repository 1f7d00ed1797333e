import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Section } from '@/components/section';
import { formatGrams } from '@/lib/format';
import { type CreditRequest, pointsApi } from '@/services/points';
import { SortFlagNoted } from './sort-flag';
import { NextResidentButton } from './steps';

const POLL_MS = 2000;

/**
 * After asking a resident found by building and room: waits (asking every two
 * seconds) for their yes on their own phone, and says how it ended.
 */
export function CreditRequestWait({
  communityId,
  request,
  onNext,
}: {
  communityId: string;
  request: CreditRequest;
  onNext: () => void;
}) {
  const [current, setCurrent] = useState(request);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (current.status !== 'pending') return;
    let stop = false;
    const timer = setInterval(() => {
      setNow(Date.now());
      pointsApi
        .creditRequest(communityId, request.requestId)
        .then((next) => {
          if (!stop) setCurrent(next);
        })
        .catch(() => undefined);
    }, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [communityId, request.requestId, current.status]);

  const what = current.lines.map((l) => `${l.label} ${formatGrams(l.grams)}`).join('、');
  const left = Math.max(0, Math.ceil((Date.parse(current.expiresAt) - now) / 1000));
  const result = current.result;
  return (
    <Section title={current.statusLabel} note={`${current.resident.address}　${current.resident.maskedName}`}>
      <View className="credit-result credit-request">
        <Text className="para">{what}</Text>
        {current.status === 'pending' && (
          <Text className="credit-result__points">
            {`请居民打开自己手机上的“积分码”页，点“确认记分”（还剩 ${left} 秒）`}
          </Text>
        )}
        {result && (
          <>
            <Text className="credit-result__name">居民：{result.resident.maskedName}</Text>
            {result.status === 'held' ? (
              <Text className="para credit-result__warn">有一项超出单次称重上限，本次未记分，由社区管理员审核。</Text>
            ) : (
              <Text className="credit-result__points">本次记 {result.points} 分</Text>
            )}
            {result.capped && <Text className="para credit-result__warn">已达每日上限，只记到上限为止。</Text>}
            {result.sortFlag && <SortFlagNoted labels={result.sortFlag.labels} />}
            <Text className="credit-result__balance">现有积分：{result.balance} 分</Text>
          </>
        )}
        {(current.status === 'declined' || current.status === 'expired') && (
          <Text className="para credit-result__warn">没有记分。可以请居民刷新积分码后再扫，或重新发起。</Text>
        )}
      </View>
      <NextResidentButton onClick={onNext} />
    </Section>
  );
}
