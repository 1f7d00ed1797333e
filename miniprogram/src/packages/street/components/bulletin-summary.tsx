import { Text, View } from '@tarojs/components';
import type { StreetBulletin } from '@/services/street';
import { audienceText, whenText } from '../lib/bulletins';
import '../../bulletins-admin/review/index.scss';

/** A street bulletin's marks, title, author and reviewer, audience and time: its card in the list, the head of its page. */
export function BulletinSummary({ b }: { b: StreetBulletin }) {
  return (
    <>
      <View className="review__marks">
        {b.important && <Text className="review__mark review__mark--important">重要</Text>}
        {b.pinned && <Text className="review__mark">置顶</Text>}
        <Text className="review__mark">{b.kindLabel}</Text>
        <Text className="review__status">{b.statusLabel}</Text>
      </View>
      <Text className="review__title">{b.title}</Text>
      <Text className="review__meta">{`作者：${b.authorName}${b.approverName ? ` · 审核：${b.approverName}` : ''}`}</Text>
      <Text className="review__meta">{`发给：${audienceText(b)}`}</Text>
      <Text className="review__meta">{whenText(b)}</Text>
      {b.status === 'published' && <Text className="review__meta">{`已读 ${b.readCount} 人`}</Text>}
    </>
  );
}
