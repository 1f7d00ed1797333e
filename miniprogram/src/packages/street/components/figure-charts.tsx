import type { StreetFigures } from '@linli/shared';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { Section } from '@/components/section';
import { formatMonth } from '@/lib/format';
// The admin figures' echarts SVG renderer, drawn as an image in both builds.
import { BarChartImage } from '../../admin/components/bar-chart';
import { COLORS, chartTitle, chartValue, FIGURES } from '../lib/columns';

/** One chosen figure: by community over the range (unless there is one community), and month by month. */
export function FigureCharts({ figures }: { figures: StreetFigures }) {
  const [key, setKey] = useState(FIGURES[0]?.key ?? 'received');
  const figure = FIGURES.find((f) => f.key === key) ?? FIGURES[0];
  if (!figure) return null;
  const names = figures.communities.map((c) => c.name);
  const months = figures.byMonth.map((m) => formatMonth(m.month));
  const trend = figures.communities.map((c, i) => ({
    name: c.name,
    color: COLORS[i % COLORS.length] ?? '#1f5fa8',
    values: figures.byMonth.map((m) => {
      const row = m.communities.find((r) => r.communityId === c.communityId);
      return row ? chartValue(figure, row) : 0;
    }),
  }));
  return (
    <Section title="图表">
      <ChoiceChips
        scroll
        choices={FIGURES.map((f) => ({ value: f.key, label: f.title }))}
        value={key}
        onChange={setKey}
      />
      {figures.communities.length > 1 && (
        <BarChartImage
          title={`各社区${chartTitle(figure)}`}
          labels={names}
          series={[
            {
              name: chartTitle(figure),
              color: COLORS[0] ?? '#1f5fa8',
              values: figures.communities.map((c) => chartValue(figure, c)),
            },
          ]}
        />
      )}
      <BarChartImage title={`按月${chartTitle(figure)}`} labels={months} series={trend} />
    </Section>
  );
}
