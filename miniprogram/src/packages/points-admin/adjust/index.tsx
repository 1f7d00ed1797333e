import type { Community, Household } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { Field, toInt } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { HomePicker } from '@/components/home-picker';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useWrite } from '@/hooks/use-write';
import { api } from '@/services/api';
import { pointsApi } from '@/services/points';
import { AdminGate } from '../lib/admin-gate';

type AdjustBody = Parameters<typeof pointsApi.adjust>[1];

function AdjustForm({ community }: { community: Community }) {
  const [home, setHome] = useState<Household>();
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const action = useWrite((body: AdjustBody, key: string) => pointsApi.adjust(community.communityId, body, key));
  const errors = action.errorsFor(['userId', 'points', 'reason'] as const);
  const done = action.result;
  const submit = async () => {
    if (await action.run({ userId: home?.userId ?? '', points: toInt(points), reason })) {
      setPoints('');
      setReason('');
    }
  };
  return (
    <Section title="调整居民积分" note="加分填正数，扣分填负数；余额不会低于 0，每次调整都记入明细">
      <Text className="field__label">居民</Text>
      <HomePicker
        community={community}
        load={(buildingId, cursor) => api.homesOfBuilding(community.communityId, buildingId, cursor)}
        nameOf={(h) => h.applicantName}
        changeLabel="换一位"
        block="pa-resident"
        chosen={home}
        onChoose={(next) => {
          setHome(next);
          action.reset();
        }}
        error={errors.userId}
      />
      <Field label="积分" value={points} onChange={setPoints} error={errors.points} type="text" name="points" />
      <Field label="原因" value={reason} onChange={setReason} error={errors.reason} name="reason" />
      <FieldError message={errors.general} />
      {done && (
        <Text className="para pa-adjust__done">
          {`已调整 ${done.points > 0 ? '+' : ''}${done.points} 分，现有 ${done.balance} 分`}
        </Text>
      )}
      <Button block type="primary" size="large" loading={action.busy} disabled={action.busy || !home} onClick={submit}>
        确认调整
      </Button>
    </Section>
  );
}

export default function AdjustPage() {
  return (
    <Screen title="调整积分">
      <AdminGate>{(community) => <AdjustForm community={community} />}</AdminGate>
    </Screen>
  );
}
