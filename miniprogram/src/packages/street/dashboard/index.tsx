import type { StreetFigures, StreetMembership } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CsvExport } from '@/components/csv-export';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { fieldErrors } from '@/lib/field-errors';
import { formatMonth } from '@/lib/format';
import { go, PAGES, withQuery } from '@/navigation';
import { street as streetApi } from '@/services/street';
import { FigureCharts } from '../components/figure-charts';
import { FiguresGrid } from '../components/figures-grid';
import { MonthRange } from '../components/month-range';
import { StreetGate } from '../components/street-gate';
import { defaultRange } from '../lib/columns';
import './index.scss';

const TITLE = '街道工作台';

/** The street office compares its communities over a range of Shanghai months, and opens each one. */
export default function StreetDashboardPage() {
  return (
    <Screen title={TITLE}>
      <StreetGate>{(street) => <Dashboard street={street} />}</StreetGate>
    </Screen>
  );
}

function Dashboard({ street }: { street: StreetMembership }) {
  const [range, setRange] = useState(defaultRange);
  const { from, to, thisMonth } = range;
  const { streetId } = street;
  const figures = useAsync(`${streetId}:${from}:${to}`, () => streetApi.figures(streetId, from, to));
  const errors = fieldErrors(figures.error, ['from', 'to']);

  return (
    <>
      <View className="street__head">
        <Text className="street__title">{`${street.streetName}各社区对比`}</Text>
        <Text className="street__note">按上海时间的自然月统计；点社区名称查看该社区逐月数据</Text>
      </View>

      <Section title="街道公告" note="发给全部社区或选定社区，由另一位街道管理员审核">
        <Button block type="primary" onClick={() => go(withQuery(PAGES.streetBulletins, { streetId }))}>
          街道公告
        </Button>
      </Section>

      <Section title="统计月份">
        <MonthRange
          from={from}
          to={to}
          thisMonth={thisMonth}
          onChange={(f, t) => setRange({ from: f, to: t, thisMonth })}
        />
        <FieldError message={errors.from ?? errors.to} />
      </Section>

      {!figures.data && (
        <LoadState loading={figures.loading} error={figures.error} onRetry={() => void figures.reload()} />
      )}
      {figures.data && <Body figures={figures.data} streetId={streetId} />}

      <Section title="导出">
        <CsvExport load={() => streetApi.figuresCsv(streetId, from, to)} />
      </Section>
    </>
  );
}

function Body({ figures, streetId }: { figures: StreetFigures; streetId: string }) {
  const period =
    figures.from === figures.to
      ? formatMonth(figures.from)
      : `${formatMonth(figures.from)}至${formatMonth(figures.to)}`;
  return (
    <>
      <Section title="各社区对比" note={`${period} · 点表头排序`}>
        {figures.communities.length === 0 && <Text className="para">这个街道还没有社区。</Text>}
        <FiguresGrid
          sortable
          nameHeader="社区"
          rows={figures.communities.map((c) => ({ key: c.communityId, name: c.name, figures: c }))}
          onOpen={(row) =>
            go(
              withQuery(PAGES.streetCommunity, {
                streetId,
                communityId: row.key,
                from: figures.from,
                to: figures.to,
              }),
            )
          }
        />
      </Section>
      <FigureCharts figures={figures} />
    </>
  );
}
