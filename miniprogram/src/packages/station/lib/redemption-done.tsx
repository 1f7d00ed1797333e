import { Text, View } from '@tarojs/components';
import { formatDateTime } from '@/lib/format';
import type { Redemption } from '@/services/points';
import './redemption-done.scss';

/** What to hand over, after the system has recorded it. */
export function RedemptionDone({ redemption }: { redemption: Redemption }) {
  return (
    <View className="handover">
      <Text className="handover__title">请发放以下物品</Text>
      <Text className="handover__who">居民：{redemption.residentName}</Text>
      {redemption.items.map((item) => (
        <Text key={item.rewardId} className="handover__item">
          {item.name} × {item.quantity}
        </Text>
      ))}
      <Text className="para">
        共 {redemption.totalPoints} 分 · {redemption.statusLabel}
        {redemption.fulfilledAt ? ` · ${formatDateTime(redemption.fulfilledAt)}` : ''}
      </Text>
    </View>
  );
}
