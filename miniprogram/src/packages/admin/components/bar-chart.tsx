import { Image, Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { type BarSeries, barChartSvg, svgDataUrl } from '../lib/bar-chart-svg';
import './bar-chart.scss';

/** About a phone's content width in CSS pixels, so the chart's text shows at its own size. */
const WIDTH = 360;

interface BarChartProps {
  title: string;
  labels: string[];
  series: BarSeries[];
}

/** A bar chart as a picture; the table below it says the same in numbers. */
export function BarChartImage({ title, labels, series }: BarChartProps) {
  // Drawing is the costly part: only when the figures themselves change.
  const input = JSON.stringify({ title, labels, series });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `input` stands for title, labels and series
  const chart = useMemo(
    () => (labels.length ? barChartSvg({ title, labels, series, width: WIDTH }) : undefined),
    [input],
  );
  if (!chart) return <Text className="para">这段时间没有数据。</Text>;
  return (
    <View className="bar-chart">
      <Image
        className="bar-chart__image"
        src={svgDataUrl(chart.svg)}
        mode="widthFix"
        // Browsers give an image element 320×240 until told otherwise: keep the chart's own proportions.
        style={{ width: '100%', height: 'auto', aspectRatio: `${WIDTH} / ${chart.height}` }}
        aria-label={title}
      />
    </View>
  );
}
