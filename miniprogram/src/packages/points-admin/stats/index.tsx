import { shanghaiMonth } from '@linli/shared/rules';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { CsvExport } from '@/components/csv-export';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { addMonths, formatMonth } from '@/lib/format';
import { pointsApi } from '@/services/points';
import { AdminGate } from '../lib/admin-gate';
import { SortQualitySection } from './sort-quality';
import './index.scss';

const RANGES = [
  { value: 1, label: '本月' },
  { value: 3, label: '近 3 个月' },
  { value: 12, label: '近 12 个月' },
] as const;

function Figures({ communityId }: { communityId: string }) {
  const to = shanghaiMonth(new Date());
  const [months, setMonths] = useState<1 | 3 | 12>(1);
  const from = addMonths(to, 1 - months);
  const stats = useAsync(`${communityId}:${from}`, () => pointsApi.stats(communityId, from, to));
  const board = useAsync(communityId, () => pointsApi.leaderboard(communityId));
  return (
    <>
      <ChoiceChips choices={RANGES} value={months} onChange={setMonths} />
      <Section title="积分统计" note={`${formatMonth(from)}–${formatMonth(to)}`}>
        {!stats.data ? (
          <LoadState loading={stats.loading} error={stats.error} onRetry={stats.reload} />
        ) : (
          stats.data.byMonth.map((m) => (
            <View key={m.month} className="pa-month">
              <Text className="pa-month__title">{formatMonth(m.month)}</Text>
              <View className="row">
                <Text className="row__label">回收总重</Text>
                <Text className="row__value">{m.totalKg} 公斤</Text>
              </View>
              {m.kgByMaterial.map((k) => (
                <View key={k.material} className="row">
                  <Text className="row__label">　{k.label}</Text>
                  <Text className="row__value">{k.kg} 公斤</Text>
                </View>
              ))}
              <View className="row">
                <Text className="row__label">参与户数</Text>
                <Text className="row__value">{m.households} 户</Text>
              </View>
              <View className="row">
                <Text className="row__label">发放积分（分类 / 志愿）</Text>
                <Text className="row__value">
                  {m.issued}（{m.issuedRecycling} / {m.issuedVolunteer}）
                </Text>
              </View>
              <View className="row">
                <Text className="row__label">兑换积分</Text>
                <Text className="row__value">{m.redeemed}</Text>
              </View>
            </View>
          ))
        )}
        <CsvExport outline load={() => pointsApi.statsCsv(communityId, from, to)} />
      </Section>
      <SortQualitySection communityId={communityId} from={from} to={to} />
      <Section title="本月排行榜" note="只含自愿参加的居民">
        {!board.data ? (
          <LoadState loading={board.loading} error={board.error} onRetry={board.reload} />
        ) : board.data.items.length === 0 ? (
          <Text className="para">本月还没有人上榜。</Text>
        ) : (
          board.data.items.map((item) => (
            <View key={item.rank} className="row">
              <Text className="row__label">
                第 {item.rank} 名 {item.displayName}
              </Text>
              <Text className="row__value">{item.points} 分</Text>
            </View>
          ))
        )}
      </Section>
    </>
  );
}

export default function PointsStatsPage() {
  return (
    <Screen title="积分统计">
      <AdminGate>{(community) => <Figures communityId={community.communityId} />}</AdminGate>
    </Screen>
  );
}
