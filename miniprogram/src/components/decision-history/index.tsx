import { Text, View } from '@tarojs/components';
import { formatDateTime } from '@/lib/format';
import './index.scss';

export interface Decision {
  actionLabel: string;
  byName: string;
  at: string;
  reason: string | null;
}

/**
 * Who decided what, when and why (a bulletin's review, a household's binding),
 * oldest first, as the server kept it with each decision.
 */
export function DecisionHistory({ decisions, title = '审核记录' }: { decisions: readonly Decision[]; title?: string }) {
  if (decisions.length === 0) return null;
  return (
    <View className="decisions">
      {title && <Text className="decisions__title">{title}</Text>}
      {decisions.map((d) => (
        <View key={`${d.at}-${d.actionLabel}`} className="decisions__item">
          <View className="decisions__head">
            <Text className="decisions__what">{d.actionLabel}</Text>
            <Text className="decisions__who">{d.byName}</Text>
            <Text className="decisions__when">{formatDateTime(d.at)}</Text>
          </View>
          {d.reason && <Text className="decisions__why">{`原因：${d.reason}`}</Text>}
        </View>
      ))}
    </View>
  );
}
