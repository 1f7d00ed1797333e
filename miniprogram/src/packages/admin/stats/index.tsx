import type { Figures } from '@linli/shared';
import { shanghaiMonth } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CsvExport } from '@/components/csv-export';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StaffGate } from '@/components/staff-gate';
import { useAsync } from '@/hooks/use-async';
import { fieldErrors } from '@/lib/field-errors';
import { addMonths, formatHours, formatMonth, formatPercent } from '@/lib/format';
import { go, PAGES, withQuery } from '@/navigation';
import { api, type FeedbackStats } from '@/services/api';
import { BarChartImage } from '../components/bar-chart';
import { FiguresTable, rated } from '../components/figures-table';
import './index.scss';

const TITLE = '意见箱统计';
// Received (收到), accepted (受理) and resolved (办结) are named as such: the figures called received 受理.
const RECEIVED = { name: '收到数', color: '#1f5fa8' };
const RESOLVED = { name: '办结数', color: '#2e7d32' };

/** The figures leaders ask for, for a range of Shanghai months: totals, by category, by grid, by month. */
export default function FeedbackStatsPage() {
  return (
    <Screen title={TITLE}>
      <StaffGate
        roles={['admin']}
        signInReason="登录后查看社区意见箱统计。"
        deniedTitle="没有查看权限"
        deniedText="意见箱统计只对社区管理员开放。"
      >
        {({ community }) => <Stats communityId={community.communityId} communityName={community.name} />}
      </StaffGate>
    </Screen>
  );
}

function Stats({ communityId, communityName }: { communityId: string; communityName: string }) {
  const thisMonth = shanghaiMonth(new Date());
  const [from, setFrom] = useState(thisMonth);
  const [to, setTo] = useState(thisMonth);
  const stats = useAsync(`${communityId}:${from}:${to}`, () => api.feedbackStats(communityId, from, to));

  function range(nextFrom: string, nextTo: string) {
    // The end never comes before the start, nor after this month.
    const end = nextTo > thisMonth ? thisMonth : nextTo;
    setFrom(nextFrom > end ? end : nextFrom);
    setTo(end);
  }

  const errors = fieldErrors(stats.error, ['from', 'to']);
  return (
    <>
      <View className="stats__head">
        <Text className="stats__title">{communityName}意见箱统计</Text>
        <Text className="stats__note">按上海时间的自然月统计当月收到的反映</Text>
      </View>

      <Section title="统计月份">
        <MonthStepper label="开始" month={from} onChange={(m) => range(m, to)} max={to} />
        <MonthStepper label="结束" month={to} onChange={(m) => range(from, m)} max={thisMonth} />
        <View className="stats__presets">
          <Button className="stats__preset" onClick={() => range(thisMonth, thisMonth)}>
            本月
          </Button>
          <Button className="stats__preset" onClick={() => range(addMonths(thisMonth, -2), thisMonth)}>
            近三个月
          </Button>
          <Button className="stats__preset" onClick={() => range(`${thisMonth.slice(0, 4)}-01`, thisMonth)}>
            今年
          </Button>
        </View>
        <FieldError message={errors.from ?? errors.to} />
      </Section>

      {!stats.data && <LoadState loading={stats.loading} error={stats.error} onRetry={() => void stats.reload()} />}
      {stats.data && <StatsBody stats={stats.data} />}

      <Section title="导出和相关">
        <CsvExport load={() => api.feedbackStatsCsv(communityId, from, to)} />
        <Button block fill="outline" onClick={() => go(withQuery(PAGES.demandList, { communityId }))}>
          议事清单（反复出现的问题）
        </Button>
        <Button block fill="outline" onClick={() => go(withQuery(PAGES.feedbackBoard, { communityId }))}>
          公示栏
        </Button>
      </Section>
    </>
  );
}

function MonthStepper({
  label,
  month,
  max,
  onChange,
}: {
  label: string;
  month: string;
  max: string;
  onChange: (month: string) => void;
}) {
  return (
    <View className="month-stepper">
      <Text className="month-stepper__label">{label}</Text>
      <Button
        className="month-stepper__step"
        aria-label={`${label}月份往前一个月`}
        onClick={() => onChange(addMonths(month, -1))}
      >
        ‹
      </Button>
      <Text className="month-stepper__month">{formatMonth(month)}</Text>
      <Button
        className="month-stepper__step"
        aria-label={`${label}月份往后一个月`}
        disabled={month >= max}
        onClick={() => onChange(addMonths(month, 1))}
      >
        ›
      </Button>
    </View>
  );
}

function StatsBody({ stats }: { stats: FeedbackStats }) {
  const { totals } = stats;
  // The API does not promise an order of grids: list them by id (g1, g2, …).
  const byGrid = [...stats.byGrid].sort((a, b) => a.gridId.localeCompare(b.gridId, 'en', { numeric: true }));
  const tiles: [string, string][] = [
    ['收到数', String(totals.received)],
    ['受理数', String(totals.accepted)],
    ['办结数', String(totals.resolved)],
    ['整改率', formatPercent(totals.rectificationRate)],
    ['按时办结率', formatPercent(totals.onTimeRate)],
    ['办结用时中位数', formatHours(totals.medianHoursToResolve)],
    ['满意度', totals.averageSatisfaction === null ? '—' : `${totals.averageSatisfaction} 分`],
    ['居民评价', rated(totals.ratedByResident, totals.averageResidentRating)],
    ['回访评价', rated(totals.ratedAtFollowUp, totals.averageFollowUpRating)],
    ['系统自动确认', `${totals.autoConfirmed} 条（未评价）`],
    ['当前超时', String(totals.overdueNow)],
  ];
  const series = (rows: Figures[]) => [
    { ...RECEIVED, values: rows.map((r) => r.received) },
    { ...RESOLVED, values: rows.map((r) => r.resolved) },
  ];
  const period =
    stats.from === stats.to ? formatMonth(stats.from) : `${formatMonth(stats.from)}至${formatMonth(stats.to)}`;

  return (
    <>
      <Section title="总体" note={period}>
        <View className="stats__tiles">
          {tiles.map(([label, value]) => (
            <View key={label} className="stats__tile" data-figure={label}>
              <Text className="stats__value">{value}</Text>
              <Text className="stats__label">{label}</Text>
            </View>
          ))}
        </View>
      </Section>

      <Section title="按问题类别">
        <BarChartImage
          title="各类别收到与办结"
          labels={stats.byCategory.map((c) => c.label)}
          series={series(stats.byCategory)}
        />
        <FiguresTable nameHeader="类别" rows={stats.byCategory.map((c) => ({ ...c, name: c.label }))} />
      </Section>

      <Section title="按网格">
        <BarChartImage title="各网格收到与办结" labels={byGrid.map((g) => g.name)} series={series(byGrid)} />
        <FiguresTable nameHeader="网格" rows={byGrid} />
      </Section>

      {stats.byUnit.length > 0 && (
        <Section title="按派单单位" note="派给部门和共建单位的反映，与网格同样考核">
          <FiguresTable nameHeader="单位" rows={stats.byUnit} />
        </Section>
      )}

      <Section title="按月份">
        <FiguresTable nameHeader="月份" rows={stats.byMonth.map((m) => ({ ...m, name: formatMonth(m.month) }))} />
      </Section>
    </>
  );
}
