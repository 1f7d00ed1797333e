import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { chosenItems, ItemPicker, totalPoints } from '@/components/points-item-picker';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { pointsApi } from '@/services/points';

type CounterBody = Parameters<typeof pointsApi.counter>[1];

import { codeReady } from '../lib/code-entry';
import { RedemptionDone } from '../lib/redemption-done';
import { type StationContext, StationGate } from '../lib/station-gate';
import { MemberCodeStep, NextResidentButton } from '../lib/steps';

/** Exchange day at the counter: the resident's member code, the goods, handed over at once. */
function CounterForm({ community, stationId }: StationContext) {
  const communityId = community.communityId;
  const rewards = useAsync(communityId, () => pointsApi.rewards(communityId));
  const [memberCode, setMemberCode] = useState('');
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const action = useWrite((body: CounterBody, key: string) => pointsApi.counter(communityId, body, key));
  const { busy, result: done } = action;
  const errors = action.errorsFor(['memberCode', 'items'] as const);

  if (!rewards.data) return <LoadState loading={rewards.loading} error={rewards.error} onRetry={rewards.reload} />;
  const items = rewards.data.items.filter((r) => r.active);

  const redeem = async () => {
    if (await action.run({ memberCode, stationId, items: chosenItems(quantities) })) void rewards.reload();
  };

  if (done)
    return (
      <Section title="兑换成功">
        <RedemptionDone redemption={done} />
        <NextResidentButton
          onClick={() => {
            action.reset();
            setMemberCode('');
            setQuantities({});
          }}
        />
      </Section>
    );
  return (
    <>
      <MemberCodeStep value={memberCode} onChange={setMemberCode} error={errors.memberCode} />
      <Section title="2. 选物品">
        <ItemPicker rewards={items} stationId={stationId} quantities={quantities} onChange={setQuantities} />
        <FieldError message={errors.items} />
      </Section>
      <Section title="3. 确认兑换">
        <Text className="para">共 {totalPoints(items, quantities)} 分</Text>
        <FieldError message={errors.general} />
        <Button
          block
          type="primary"
          size="large"
          loading={busy}
          disabled={busy || !codeReady('member', memberCode) || chosenItems(quantities).length === 0}
          onClick={redeem}
        >
          确认兑换并发放
        </Button>
      </Section>
    </>
  );
}

export default function StationCounterPage() {
  return (
    <Screen title="柜台兑换">
      <StationGate>{(station) => <CounterForm {...station} />}</StationGate>
    </Screen>
  );
}
