import type { Household } from '@linli/shared';
import { HOUSEHOLD_STATUS_LABELS, RELATION_LABELS } from '@linli/shared/rules';
import { Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '@/lib/format';
import './index.scss';

const TAG_TYPE = { pending: 'warning', approved: 'success', rejected: 'danger' } as const;

/** One binding request: address, status and what happened to it. */
export function HouseholdCard({ household }: { household: Household }) {
  return (
    <View className="household-card">
      <View className="household-card__head">
        <Text className="household-card__address">{household.address}</Text>
        <Tag type={TAG_TYPE[household.status]}>{HOUSEHOLD_STATUS_LABELS[household.status]}</Tag>
      </View>
      <Text className="household-card__line household-card__line--when">
        {`${RELATION_LABELS[household.relation]} · 申请于 ${formatDateTime(household.requestedAt)}`}
      </Text>
      {household.status === 'pending' && (
        <Text className="household-card__line">社区工作人员核实后会通过，请耐心等待。</Text>
      )}
      {household.status === 'rejected' && household.rejectReason && (
        <Text className="household-card__line household-card__line--alert">未通过原因：{household.rejectReason}</Text>
      )}
    </View>
  );
}
