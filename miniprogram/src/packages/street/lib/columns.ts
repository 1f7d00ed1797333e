import type { CommunityFigures } from '@linli/shared';
import { shanghaiMonth } from '@linli/shared/rules';
import { addMonths, formatHours, formatPercent } from '@/lib/format';

/** One figure of a community: its column header, how it reads, and the number it sorts and charts by. */
export interface Figure {
  key: string;
  title: string;
  value: (f: CommunityFigures) => number | null;
  text: (f: CommunityFigures) => string;
}

const count = (value: (f: CommunityFigures) => number): Pick<Figure, 'value' | 'text'> => ({
  value,
  text: (f) => String(value(f)),
});
const rate = (value: (f: CommunityFigures) => number | null): Pick<Figure, 'value' | 'text'> => ({
  value,
  text: (f) => formatPercent(value(f)),
});

/** The street's comparison, column by column (rates as percentages, no figure as —). */
export const FIGURES: Figure[] = [
  { key: 'received', title: '收到意见', ...count((f) => f.feedback.received) },
  { key: 'rectificationRate', title: '整改率', ...rate((f) => f.feedback.rectificationRate) },
  { key: 'onTimeRate', title: '按时办结率', ...rate((f) => f.feedback.onTimeRate) },
  {
    key: 'medianHours',
    title: '办结时长中位数',
    value: (f) => f.feedback.medianHoursToResolve,
    text: (f) => formatHours(f.feedback.medianHoursToResolve),
  },
  {
    key: 'satisfaction',
    title: '满意度',
    value: (f) => f.feedback.averageSatisfaction,
    text: (f) => (f.feedback.averageSatisfaction === null ? '—' : `${f.feedback.averageSatisfaction} 分`),
  },
  { key: 'escalated', title: '上报', ...count((f) => f.feedback.escalated) },
  {
    key: 'kgPerHousehold',
    title: '户均回收(公斤)',
    value: (f) => f.points.kgPerHousehold,
    text: (f) => (f.points.kgPerHousehold === null ? '—' : String(Math.round(f.points.kgPerHousehold * 100) / 100)),
  },
  { key: 'participationRate', title: '参与率', ...rate((f) => f.points.participationRate) },
  { key: 'issued', title: '发放积分', ...count((f) => f.points.issued) },
  { key: 'redeemed', title: '兑换积分', ...count((f) => f.points.redeemed) },
  { key: 'readRate', title: '重要通知阅读率', ...rate((f) => f.bulletins.readRate) },
];

/** A figure as a chart draws it: rates in percent, no figure as 0. */
export function chartValue(figure: Figure, f: CommunityFigures): number {
  const v = figure.value(f);
  if (v === null) return 0;
  return figure.key.endsWith('Rate') ? Math.round(v * 1000) / 10 : v;
}

/** The chart's unit after the figure's name. */
export const chartTitle = (figure: Figure) => (figure.key.endsWith('Rate') ? `${figure.title}(%)` : figure.title);

/** The last six Shanghai months up to this one. */
export function defaultRange(now = new Date()): { from: string; to: string; thisMonth: string } {
  const thisMonth = shanghaiMonth(now);
  return { from: addMonths(thisMonth, -5), to: thisMonth, thisMonth };
}

export const COLORS = ['#1f5fa8', '#2e7d32', '#b71c1c', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037', '#455a64'];
