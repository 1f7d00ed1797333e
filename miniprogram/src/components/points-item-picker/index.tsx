import { Button } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import type { ItemChoice, Reward } from '@/services/points';
import './index.scss';

interface ItemPickerProps {
  rewards: Reward[];
  /** The station whose shelf counts; without one every station's stock is listed. */
  stationId: string | undefined;
  quantities: Record<string, number>;
  /** Absent: a read-only catalog. */
  onChange?: (quantities: Record<string, number>) => void;
}

export function stockAt(reward: Reward, stationId: string | undefined): number {
  return reward.stock.find((s) => s.stationId === stationId)?.quantity ?? 0;
}

/** The chosen quantities as the API's `items`. */
export function chosenItems(quantities: Record<string, number>): ItemChoice[] {
  return Object.entries(quantities)
    .filter(([, quantity]) => quantity > 0)
    .map(([rewardId, quantity]) => ({ rewardId, quantity }));
}

export function totalPoints(rewards: Reward[], quantities: Record<string, number>): number {
  return rewards.reduce((sum, r) => sum + r.pointsCost * (quantities[r.rewardId] ?? 0), 0);
}

/** The rewards with their cost, picture, monthly limit and stock, and − / + to choose how many. */
export function ItemPicker({ rewards, stationId, quantities, onChange }: ItemPickerProps) {
  if (rewards.length === 0) return <Text className="para">暂时没有可兑换的物品。</Text>;
  return (
    <View>
      {rewards.map((reward) => {
        const quantity = quantities[reward.rewardId] ?? 0;
        const stock = stockAt(reward, stationId);
        const max = Math.min(10, stationId ? stock : 10, reward.monthlyLimit ?? 10);
        const set = (n: number) => onChange?.({ ...quantities, [reward.rewardId]: Math.max(0, Math.min(max, n)) });
        return (
          <View key={reward.rewardId} className="item-pick" data-reward={reward.rewardId}>
            {reward.imageUrl && <Image className="item-pick__image" src={reward.imageUrl} mode="aspectFill" />}
            <View className="item-pick__text">
              <Text className="item-pick__name">{reward.name}</Text>
              {reward.description && <Text className="item-pick__desc">{reward.description}</Text>}
              <Text className="item-pick__cost">{reward.pointsCost} 分</Text>
              {reward.monthlyLimit !== null && (
                <Text className="item-pick__desc">每人每月最多 {reward.monthlyLimit} 件</Text>
              )}
              {stationId ? (
                <Text className={`item-pick__stock ${stock === 0 ? 'item-pick__stock--none' : ''}`}>
                  {stock === 0 ? '本站已换完' : `本站还有 ${stock} 件`}
                </Text>
              ) : (
                reward.stock.map((s) => (
                  <Text key={s.stationId} className="item-pick__desc">
                    {s.stationName}：{s.quantity} 件
                  </Text>
                ))
              )}
            </View>
            {onChange && (
              <View className="item-pick__stepper">
                <Button className="item-pick__less" disabled={quantity === 0} onClick={() => set(quantity - 1)}>
                  −
                </Button>
                <Text className="item-pick__quantity">{quantity}</Text>
                <Button
                  className="item-pick__more"
                  type="primary"
                  disabled={quantity >= max}
                  onClick={() => set(quantity + 1)}
                >
                  ＋
                </Button>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
