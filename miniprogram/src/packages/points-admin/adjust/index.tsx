import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useIntentKey } from '@/hooks/use-intent-key';
import { fieldErrors } from '@/lib/field-errors';
import { type ApiError, toApiError } from '@/services/api';
import { pointsApi } from '@/services/points';
import { AdminGate } from '../lib/admin-gate';
import { Field, toInt } from '../lib/field';

function AdjustForm({ communityId }: { communityId: string }) {
  const { params } = useRouter();
  const [userId, setUserId] = useState(params.userId ?? '');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const intent = useIntentKey();
  const errors = fieldErrors(error, ['userId', 'points', 'reason'] as const);
  const submit = async () => {
    const body = { userId: userId.trim(), points: toInt(points), reason };
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const result = await pointsApi.adjust(communityId, body, intent.keyFor(body));
      intent.settle();
      setDone(`已调整 ${result.points > 0 ? '+' : ''}${result.points} 分，现有 ${result.balance} 分`);
      setPoints('');
      setReason('');
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="调整居民积分" note="加分填正数，扣分填负数；余额不会低于 0，每次调整都记入明细">
      <Field label="居民编号" value={userId} onChange={setUserId} error={errors.userId} name="user" />
      <Field label="积分" value={points} onChange={setPoints} error={errors.points} type="text" name="points" />
      <Field label="原因" value={reason} onChange={setReason} error={errors.reason} name="reason" />
      <FieldError message={errors.general} />
      {done && <Text className="para">{done}</Text>}
      <Button block type="primary" size="large" loading={busy} disabled={busy} onClick={submit}>
        确认调整
      </Button>
    </Section>
  );
}

export default function AdjustPage() {
  return (
    <Screen title="调整积分">
      <AdminGate>{(community) => <AdjustForm communityId={community.communityId} />}</AdminGate>
    </Screen>
  );
}
