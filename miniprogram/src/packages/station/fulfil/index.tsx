import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { type PagedState, usePaged } from '@/hooks/use-paged';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { pointsApi, type Redemption } from '@/services/points';
import { CodeEntry, codeReady } from '../lib/code-entry';
import { RedemptionDone } from '../lib/redemption-done';
import { type StationContext, StationGate } from '../lib/station-gate';
import { NextResidentButton } from '../lib/steps';
import './index.scss';

function FulfilForm({ community, stationId }: StationContext) {
  const [pickupCode, setPickupCode] = useState('');
  const action = useWrite((body: { pickupCode: string; stationId: string }, key: string) =>
    pointsApi.fulfil(community.communityId, body, key),
  );
  const { busy, result: done } = action;
  const errors = action.errorsFor(['pickupCode', 'stationId'] as const);

  const waiting = usePaged(`${community.communityId}:${stationId}`, (cursor) =>
    pointsApi.waitingAt(community.communityId, stationId, cursor),
  );
  // A scanned code goes at once, like a payment code at a till; a typed one on 核销并发放.
  const fulfil = async (code = pickupCode) => {
    if (await action.run({ pickupCode: code, stationId })) void waiting.reload();
  };

  if (done)
    return (
      <Section title="已核销">
        <RedemptionDone redemption={done} />
        <NextResidentButton
          onClick={() => {
            action.reset();
            setPickupCode('');
          }}
        />
      </Section>
    );
  return (
    <>
      <Section title="居民的领取码" note="居民在“我的兑换”里出示领取码：扫码，或输入居民念出的数字">
        <CodeEntry
          kind="pickup"
          value={pickupCode}
          onChange={setPickupCode}
          onScanned={(code) => void fulfil(code)}
          error={errors.pickupCode}
          className="pickup-code-input"
        />
        <FieldError message={errors.stationId ?? errors.general} />
        <Button
          block
          type="primary"
          size="large"
          loading={busy}
          disabled={busy || !codeReady('pickup', pickupCode)}
          onClick={() => void fulfil()}
        >
          核销并发放
        </Button>
      </Section>
      <Waiting waiting={waiting} />
    </>
  );
}

/** The reservations still to be picked up here, and the goods they add up to: what to get ready. */
function Waiting({ waiting }: { waiting: PagedState<Redemption> }) {
  const totals = new Map<string, number>();
  for (const r of waiting.items)
    for (const item of r.items) totals.set(item.name, (totals.get(item.name) ?? 0) + item.quantity);
  return (
    <Section
      title="待领取"
      note={waiting.items.length > 0 ? `${waiting.items.length}${waiting.cursor ? '+' : ''} 单` : undefined}
    >
      {totals.size > 0 && (
        <Text className="waiting__totals">
          {`要备好：${[...totals].map(([name, quantity]) => `${name} × ${quantity}`).join('，')}`}
        </Text>
      )}
      {waiting.items.map((r) => (
        <View key={r.redemptionId} className="waiting__item">
          <Text className="waiting__who">{r.residentName}</Text>
          <Text className="waiting__goods">{r.items.map((i) => `${i.name} × ${i.quantity}`).join('，')}</Text>
          <Text className="waiting__when">{`${formatDateTime(r.createdAt)} 预约`}</Text>
        </View>
      ))}
      {!waiting.loading && !waiting.error && waiting.items.length === 0 && (
        <Text className="para">现在没有待领取的兑换单</Text>
      )}
      <LoadState loading={waiting.loading} error={waiting.error} onRetry={waiting.reload} />
      {waiting.cursor && (
        <Button block fill="outline" onClick={() => void waiting.more()}>
          加载更多
        </Button>
      )}
    </Section>
  );
}

export default function StationFulfilPage() {
  return (
    <Screen title="兑换发放">
      <StationGate>{(station) => <FulfilForm {...station} />}</StationGate>
    </Screen>
  );
}
