import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { Field } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { POINTS_PAGES } from '@/components/points-nav';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { usePaged } from '@/hooks/use-paged';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime, formatGrams } from '@/lib/format';
import { go, withQuery } from '@/navigation';
import { type HeldCredit, pointsApi } from '@/services/points';
import { AdminGate } from '../lib/admin-gate';
import '../lib/form.scss';

type Status = HeldCredit['status'];

function HeldItem({
  communityId,
  credit,
  onChange,
}: {
  communityId: string;
  credit: HeldCredit;
  onChange: (c: HeldCredit) => void;
}) {
  const [reason, setReason] = useState('');
  const act = useWrite(async (decision: 'approve' | 'reject') =>
    onChange(
      decision === 'approve'
        ? await pointsApi.approveHeld(communityId, credit.creditId)
        : await pointsApi.rejectHeld(communityId, credit.creditId, reason),
    ),
  );
  const errors = act.errorsFor(['reason'] as const);
  const busy = act.busy;
  return (
    <View className="pa-item">
      <Text className="pa-item__title">
        {credit.residentName} · {credit.statusLabel}
      </Text>
      <Text className="pa-item__line">
        {credit.stationName}，{credit.operatorName} 称重，{formatDateTime(credit.at)}
      </Text>
      {credit.lines.map((l) => (
        <Text key={`${l.material}-${l.grams}`} className="pa-item__line">
          {l.label} {formatGrams(l.grams)}：{l.points} 分{l.outlier ? '（超出上限）' : ''}
        </Text>
      ))}
      {credit.creditedPoints !== null && <Text className="pa-item__line">已记 {credit.creditedPoints} 分</Text>}
      {credit.rejectReason && <Text className="pa-item__line">驳回原因：{credit.rejectReason}</Text>}
      {credit.status === 'held' && (
        <>
          <Field label="驳回原因（驳回时填写）" value={reason} onChange={setReason} error={errors.reason} />
          <FieldError message={errors.general} />
          <View className="pa-item__actions">
            <Button type="primary" loading={busy} disabled={busy} onClick={() => act.run('approve')}>
              通过并记分
            </Button>
            <Button fill="outline" disabled={busy} onClick={() => act.run('reject')}>
              驳回
            </Button>
            <Button
              fill="outline"
              onClick={() => go(withQuery(POINTS_PAGES.adminAdjust, { communityId, userId: credit.userId }))}
            >
              调整积分
            </Button>
          </View>
        </>
      )}
    </View>
  );
}

function HeldList({ communityId }: { communityId: string }) {
  const [status, setStatus] = useState<Status>('held');
  const list = usePaged<HeldCredit>(`${communityId}/${status}`, (cursor) =>
    pointsApi.held(communityId, status, cursor),
  );
  return (
    <Section title="超出上限的称重" note="单次称重超出社区上限时不会自动记分，由管理员核实">
      <ChoiceChips
        choices={[
          { value: 'held', label: '待审核' },
          { value: 'approved', label: '已通过' },
          { value: 'rejected', label: '已驳回' },
        ]}
        value={status}
        onChange={setStatus}
      />
      {list.items.length === 0 && !list.loading && !list.error && <Text className="para">没有记录。</Text>}
      {list.items.map((c) => (
        <HeldItem
          key={c.creditId}
          communityId={communityId}
          credit={c}
          onChange={(next) => list.replace(next, (a, b) => a.creditId === b.creditId)}
        />
      ))}
      <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
      {list.cursor && !list.loading && (
        <Button block fill="outline" type="primary" onClick={list.more}>
          加载更多
        </Button>
      )}
    </Section>
  );
}

export default function HeldPage() {
  return (
    <Screen title="待审核称重">
      <AdminGate>{(community) => <HeldList communityId={community.communityId} />}</AdminGate>
    </Screen>
  );
}
