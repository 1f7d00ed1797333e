import { Text, View } from '@tarojs/components';
import { CodeDigits, PointsBarcode, PointsQr } from '@/components/points-qr';
import type { Redemption } from '@/services/points';
import './index.scss';

/** A reservation made: the pickup code the operator scans (QR code or barcode) or types from the digits. */
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
          <Text className="pickup__hint">领取时出示给工作人员扫码，或念出下面的数字</Text>
          <CodeDigits value={redemption.pickupCode} label="领取码" />
          <PointsQr value={redemption.pickupCode} label="领取码" />
          <PointsBarcode value={redemption.pickupCode} label="领取码" />
        </>
      )}
    </View>
  );
}
