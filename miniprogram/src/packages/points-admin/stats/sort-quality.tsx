import type { SortQuality } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { CsvExport } from '@/components/csv-export';
import { LoadState } from '@/components/load-state';
import { Section } from '@/components/section';
import { SideScroll } from '@/components/side-scroll';
import { useAsync } from '@/hooks/use-async';
import { formatMonth, formatPercent } from '@/lib/format';
import { pointsApi } from '@/services/points';
import './sort-quality.scss';

type Row = SortQuality['byBuilding'][number];

/** One row per building, highest flag rate first (as the server sends them); every issue in its column. */
function SortQualityTable({ rows }: { rows: readonly Row[] }) {
  const issues = rows[0]?.issues ?? [];
  return (
    <SideScroll hint="左右滑动查看更多" frameClassName="sort-quality">
      <View className="sort-quality__grid" id="sort-quality-table">
        <View className="sort-quality__row sort-quality__row--head">
          <Text className="sort-quality__cell sort-quality__cell--name">楼栋</Text>
          <Text className="sort-quality__cell">称重次数</Text>
          <Text className="sort-quality__cell">不合格</Text>
          <Text className="sort-quality__cell">不合格率</Text>
          {issues.map((i) => (
            <Text key={i.issue} className="sort-quality__cell">
              {i.label}
            </Text>
          ))}
        </View>
        {rows.map((row) => (
          <View key={row.buildingId} className="sort-quality__row">
            <Text className="sort-quality__cell sort-quality__cell--name">{row.name}</Text>
            <Text className="sort-quality__cell">{row.weighed}</Text>
            <Text className="sort-quality__cell">{row.flagged}</Text>
            <Text className="sort-quality__cell">{formatPercent(row.flagRate)}</Text>
            {row.issues.map((i) => (
              <Text key={i.issue} className="sort-quality__cell">
                {i.count}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </SideScroll>
  );
}

/** 分类质量（按楼栋）: what operators flagged at the scale, counted per building, never per resident. */
export function SortQualitySection({ communityId, from, to }: { communityId: string; from: string; to: string }) {
  const figure = useAsync(`${communityId}:${from}:sort`, () => pointsApi.sortQuality(communityId, from, to));
  return (
    <Section title="分类质量（按楼栋）" note={`${formatMonth(from)}–${formatMonth(to)} · 按不合格率排序`}>
      {!figure.data ? (
        <LoadState loading={figure.loading} error={figure.error} onRetry={figure.reload} />
      ) : figure.data.byBuilding.length === 0 ? (
        <Text className="para">这段时间还没有称重记录。</Text>
      ) : (
        <>
          <Text className="para" id="sort-quality-total">
            {`共称重 ${figure.data.total.weighed} 次，分类不合格 ${figure.data.total.flagged} 次（${formatPercent(figure.data.total.flagRate)}）`}
          </Text>
          <SortQualityTable rows={figure.data.byBuilding} />
        </>
      )}
      <CsvExport outline load={() => pointsApi.sortQualityCsv(communityId, from, to)} />
    </Section>
  );
}
