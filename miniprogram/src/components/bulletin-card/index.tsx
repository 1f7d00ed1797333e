import { Image, Text, View } from '@tarojs/components';
import { formatDateTime } from '@/lib/format';
import type { FeedEntry } from '@/services/bulletins';
import './index.scss';

interface BulletinCardProps {
  item: FeedEntry;
  onOpen: () => void;
}

/** One bulletin in a list: kind, marks (置顶, 重要, 来自 a street, 未读) in words as well as colour, title, excerpt, date. */
export function BulletinCard({ item, onOpen }: BulletinCardProps) {
  return (
    <View
      className={`bulletin-card${item.read ? '' : ' bulletin-card--unread'}`}
      hoverClass="bulletin-card--pressed"
      aria-role="link"
      onClick={onOpen}
    >
      <View className="bulletin-card__marks">
        {item.pinned && <Text className="bulletin-card__mark bulletin-card__mark--pinned">置顶</Text>}
        {item.important && <Text className="bulletin-card__mark bulletin-card__mark--important">重要</Text>}
        <Text className="bulletin-card__mark">{item.kindLabel}</Text>
        {item.fromStreet && <Text className="bulletin-card__from">{`来自 ${item.fromStreet}`}</Text>}
        {!item.read && <Text className="bulletin-card__unread">未读</Text>}
      </View>
      <View className="bulletin-card__main">
        <View className="bulletin-card__words">
          <Text className="bulletin-card__title">{item.title}</Text>
          {item.excerpt && <Text className="bulletin-card__excerpt">{item.excerpt}</Text>}
        </View>
        {item.coverUrl && <Image className="bulletin-card__cover" src={item.coverUrl} mode="aspectFill" lazyLoad />}
      </View>
      <Text className="bulletin-card__date">{formatDateTime(item.publishedAt)}</Text>
    </View>
  );
}
