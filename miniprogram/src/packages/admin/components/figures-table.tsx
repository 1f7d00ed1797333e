import type { Figures } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { SideScroll } from '@/components/side-scroll';
import { formatHours, formatPercent } from '@/lib/format';
import './figures-table.scss';

/** How many rated, and their mean: "3 条 · 4.33 分". */
export const rated = (count: number, average: number | null) =>
  count === 0 || average === null ? '0 条' : `${count} 条 · ${average} 分`;

const COLUMNS: [string, (f: Figures) => string][] = [
  ['收到', (f) => String(f.received)],
  ['受理', (f) => String(f.accepted)],
  ['办结', (f) => String(f.resolved)],
  ['整改率', (f) => formatPercent(f.rectificationRate)],
  ['按时率', (f) => formatPercent(f.onTimeRate)],
  ['用时中位数', (f) => formatHours(f.medianHoursToResolve)],
  ['满意度', (f) => (f.averageSatisfaction === null ? '—' : `${f.averageSatisfaction} 分`)],
  ['居民评价', (f) => rated(f.ratedByResident, f.averageResidentRating)],
  ['回访评价', (f) => rated(f.ratedAtFollowUp, f.averageFollowUpRating)],
  ['自动确认', (f) => String(f.autoConfirmed)],
  ['当前超时', (f) => String(f.overdueNow)],
];

/** One row per slice (category, grid, month), every figure in its column; scrolls sideways on a phone, and says so. */
export function FiguresTable({ rows, nameHeader }: { rows: (Figures & { name: string })[]; nameHeader: string }) {
  return (
    <SideScroll hint="左右滑动查看更多" frameClassName="figures-table">
      <View className="figures-table__grid">
        <View className="figures-table__row figures-table__row--head">
          <Text className="figures-table__cell figures-table__cell--name">{nameHeader}</Text>
          {COLUMNS.map(([label]) => (
            <Text key={label} className="figures-table__cell">
              {label}
            </Text>
          ))}
        </View>
        {rows.map((row) => (
          <View key={row.name} className="figures-table__row">
            <Text className="figures-table__cell figures-table__cell--name">{row.name}</Text>
            {COLUMNS.map(([label, value]) => (
              <Text key={label} className="figures-table__cell">
                {value(row)}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </SideScroll>
  );
}
