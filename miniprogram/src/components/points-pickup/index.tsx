import { Text, View } from '@tarojs/components';
import { CodeText, PointsQr } from '@/components/points-qr';
import type { Redemption } from '@/services/points';
import './index.scss';

/** A reservation made: the pickup QR code the operator scans. */
export function PickupCard({ redemption }: { redemption: Redemption }) {
  return (
    <View className="pickup">
      <Text className="pickup__station">到 {redemption.stationName} 领取</Text>
      {redemption.items.map((item) => (
        <Text key={item.rewardId} className="pickup__item">
          {item.name} × {item.quantity}
        </Text>
      ))}
      <Text className="pickup__item">共 {redemption.totalPoints} 分</Text>
      {redemption.pickupCode && (
        <>
          <PointsQr value={redemption.pickupCode} label="领取码" />
          <Text className="pickup__hint">请向工作人员出示领取码</Text>
          <CodeText value={redemption.pickupCode} />
        </>
      )}
    </View>
  );
}
