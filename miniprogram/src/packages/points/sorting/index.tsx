import type { Community, SortingGuide } from '@linli/shared';
import {
  buildGuideIndex,
  COMMON_ITEMS,
  categoryName,
  type GuideItem,
  HOW_TO_PUT_OUT,
  SORTING_CATEGORIES,
  type SortingCategory,
  type SortingStandard,
  searchGuide,
} from '@linli/shared/sorting';
import { Input, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { useCommunity } from '@/hooks/use-community';
import { currentCommunityId, useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';
import { pointsApi } from '@/services/points';
import './index.scss';

/** A few things each category holds, for someone who has not typed yet. */
const EXAMPLES: Record<SortingCategory, string> = {
  recyclable: '纸箱、塑料瓶、易拉罐、旧衣服、玻璃瓶',
  hazardous: '过期药品、废电池（充电电池）、灯管、油漆桶',
  kitchen: '剩饭剩菜、果皮、菜叶、鸡蛋壳、茶叶渣',
  residual: '外卖盒（有油污）、大骨头、纸巾、烟头、陶瓷碗',
};

function ItemCard({
  item,
  standard,
  community,
}: {
  item: GuideItem;
  standard: SortingStandard;
  community: Community | undefined;
}) {
  const stations = community?.stations.map((s) => s.name) ?? [];
  return (
    <View className="sorting__item" data-item={item.name}>
      <View className="sorting__item-head">
        <Text className="sorting__item-name">{item.name}</Text>
        <Text className={`sorting__tag sorting__tag--${item.category}`}>{categoryName(item.category, standard)}</Text>
      </View>
      {item.aliases.length > 0 && <Text className="sorting__aliases">也叫：{item.aliases.join('、')}</Text>}
      {item.note && <Text className="para sorting__note">{item.note}</Text>}
      <Text className="para sorting__how">{HOW_TO_PUT_OUT[item.category]}</Text>
      {item.category === 'recyclable' && stations.length > 0 && (
        <Text className="sorting__station">交到服务站称重可得积分：{stations.join('、')}</Text>
      )}
      {item.local && <Text className="sorting__local">本社区的说明</Text>}
    </View>
  );
}

/**
 * 这个怎么分: a resident types a thing, or its pinyin initials, and sees its category under the
 * community's names, how to put it out and where recyclables earn points. The list ships with the
 * app, so it answers offline and signed out; the community's own entries and names come on top.
 */
export default function SortingGuidePage() {
  const session = useSession();
  const me = useMe();
  const communityId = session ? currentCommunityId(me.me) : undefined;
  const community = useCommunity(communityId);
  const guide = useAsync<SortingGuide | undefined>(communityId ?? null, () =>
    communityId ? pointsApi.sortingGuide(communityId) : Promise.resolve(undefined),
  );
  const standard = guide.data?.standard ?? 'national';
  const index = useMemo(() => buildGuideIndex(COMMON_ITEMS, guide.data?.entries ?? []), [guide.data]);
  const [query, setQuery] = useState('');
  const answer = useMemo(() => searchGuide(index, query), [index, query]);
  const typed = query.trim() !== '';

  return (
    <Screen title="这个怎么分">
      <Section title="查一查怎么分" note="输入物品名称，或拼音首字母（易拉罐：ylg）">
        <Input
          className="sorting__search"
          value={query}
          maxlength={20}
          placeholder="例如：外卖盒、过期药、大骨头"
          confirmType="search"
          onInput={(e) => setQuery(e.detail.value)}
          aria-label="物品名称"
        />
      </Section>

      {typed && answer.matches.length > 0 && (
        <Section title={`“${query.trim()}”这样分`}>
          {answer.matches.map((item) => (
            <ItemCard
              key={`${item.local ? 'local' : 'common'}:${item.name}`}
              item={item}
              standard={standard}
              community={community.data}
            />
          ))}
        </Section>
      )}

      {typed && answer.matches.length === 0 && (
        <Section title={`没有找到“${query.trim()}”`} note="可以换个说法，或问问服务站的工作人员">
          {answer.nearest.length > 0 && <Text className="para">您是不是要找：</Text>}
          {answer.nearest.map((item) => (
            <ItemCard key={`near:${item.name}`} item={item} standard={standard} community={community.data} />
          ))}
        </Section>
      )}

      {!typed && (
        <Section title={standard === 'shanghai' ? '四类垃圾（本社区用上海叫法）' : '四类垃圾'}>
          {SORTING_CATEGORIES.map((c) => (
            <View key={c} className="sorting__category">
              <Text className={`sorting__tag sorting__tag--${c}`}>{categoryName(c, standard)}</Text>
              <Text className="para">例如：{EXAMPLES[c]}</Text>
              <Text className="para sorting__how">{HOW_TO_PUT_OUT[c]}</Text>
            </View>
          ))}
        </Section>
      )}
    </Screen>
  );
}
