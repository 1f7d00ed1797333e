/**
 * Bar charts drawn as SVG text by echarts' server-side renderer: no canvas,
 * so the same picture shows in the browser and in WeChat as an <Image>.
 * Only this subpackage imports echarts; the main package never carries it.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

// In WeChat `document` is Taro's, whose canvas cannot measure text: echarts then estimates widths itself.
if (process.env.TARO_ENV !== 'h5') echarts.setPlatformAPI({ createCanvas: () => null as unknown as HTMLCanvasElement });

export interface BarSeries {
  name: string;
  values: number[];
  color: string;
}

export interface BarChartInput {
  title: string;
  /** One bar group per label (a category, a grid). */
  labels: string[];
  series: BarSeries[];
  width: number;
}

const ROW_PX = 48;
const FRAME_PX = 96;

/** Horizontal bars (long Chinese labels read well on the left), sized to the number of rows. */
export function barChartSvg({ title, labels, series, width }: BarChartInput): { svg: string; height: number } {
  const height = FRAME_PX + Math.max(labels.length, 1) * ROW_PX;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'sans-serif', fontSize: 14 },
      title: { text: title, left: 0, top: 4, textStyle: { fontSize: 16, fontWeight: 'bold', color: '#1a1a1a' } },
      legend: {
        top: 34,
        left: 0,
        itemWidth: 16,
        itemHeight: 12,
        selectedMode: false,
        textStyle: { fontSize: 14, color: '#3d3d3d' },
      },
      tooltip: { show: false },
      // echarts 6 keeps axis labels inside the chart by default (outerBounds), so no containLabel.
      grid: { left: 0, right: 28, top: 64, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 12, color: '#595959' } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels,
        axisLabel: { fontSize: 14, color: '#1a1a1a' },
        axisTick: { show: false },
      },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        itemStyle: { color: s.color },
        barMaxWidth: 14,
        // A picture has no hover: no emphasis styles (they would come as a <style> block).
        emphasis: { disabled: true },
        silent: true,
        label: { show: true, position: 'right', fontSize: 13, color: '#1a1a1a' },
      })),
    });
    // WeChat's <image> ignores an SVG's <style> element; whatever is left in one is only :hover rules.
    return { svg: chart.renderToSVGString().replace(/<style[\s\S]*?<\/style>/g, ''), height };
  } finally {
    chart.dispose();
  }
}

/** The SVG as an image source both builds accept. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
