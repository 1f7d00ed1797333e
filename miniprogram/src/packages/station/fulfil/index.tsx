import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { CodeInput } from '@/components/points-code-input';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useIntentAction } from '@/hooks/use-intent-key';
import { fieldErrors } from '@/lib/field-errors';
import { pointsApi } from '@/services/points';
import { RedemptionDone } from '../lib/redemption-done';
import { type StationContext, StationGate } from '../lib/station-gate';

function FulfilForm({ community, stationId }: StationContext) {
  const [pickupCode, setPickupCode] = useState('');
  const action = useIntentAction((body: { pickupCode: string; stationId: string }, key: string) =>
    pointsApi.fulfil(community.communityId, body, key),
  );
  const { busy, error, result: done } = action;
  const errors = fieldErrors(error, ['pickupCode', 'stationId'] as const);

  const fulfil = () => action.run({ pickupCode, stationId });

  if (done)
    return (
      <Section title="已核销">
        <RedemptionDone redemption={done} />
        <Button
          block
          type="primary"
          size="large"
          onClick={() => {
            action.reset();
            setPickupCode('');
          }}
        >
          下一位居民
        </Button>
      </Section>
    );
  return (
    <Section title="扫居民的领取码" note="居民在“我的兑换”里出示领取码">
      <CodeInput
        label="领取码"
        value={pickupCode}
        onChange={setPickupCode}
        error={errors.pickupCode}
        className="pickup-code-input"
      />
      <FieldError message={errors.stationId ?? errors.general} />
      <Button block type="primary" size="large" loading={busy} disabled={busy || !pickupCode} onClick={fulfil}>
        核销并发放
      </Button>
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
