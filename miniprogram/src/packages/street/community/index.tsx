import type { StreetMembership } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { fieldErrors } from '@/lib/field-errors';
import { formatMonth } from '@/lib/format';
import { street as streetApi } from '@/services/street';
import { FigureCharts } from '../components/figure-charts';
import { FiguresGrid } from '../components/figures-grid';
import { MonthRange } from '../components/month-range';
import { StreetGate } from '../components/street-gate';
import { defaultRange } from '../lib/columns';
import './index.scss';

const MONTH = /^\d{4}-\d{2}$/;

/** One community of the street, month by month: read only (the street office looks, the community acts). */
export default function StreetCommunityPage() {
  return (
    <Screen title="社区统计">
      <StreetGate>{(street) => <CommunityFigures street={street} />}</StreetGate>
    </Screen>
  );
}

function CommunityFigures({ street }: { street: StreetMembership }) {
  const { params } = useRouter();
  const communityId = params.communityId ?? '';
  const [range, setRange] = useState(() => {
    const fallback = defaultRange();
    const from = MONTH.test(params.from ?? '') ? (params.from as string) : fallback.from;
    const to = MONTH.test(params.to ?? '') ? (params.to as string) : fallback.to;
    return { ...fallback, from, to };
  });
  const { from, to, thisMonth } = range;
  const { streetId } = street;
  const figures = useAsync(communityId ? `${streetId}:${communityId}:${from}:${to}` : null, () =>
    streetApi.figures(streetId, from, to, communityId),
  );
  const errors = fieldErrors(figures.error, ['from', 'to']);
  const community = figures.data?.communities[0];

  if (!communityId)
    return (
      <Section title="没有选择社区">
        <Text className="para">请从街道工作台的社区列表进入。</Text>
      </Section>
    );

  return (
    <>
      <View className="street__head">
        <Text className="street__title">{community ? community.name : street.streetName}</Text>
        <Text className="street__note">{`${street.streetName} · 只读，按上海时间的自然月统计`}</Text>
      </View>

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
      {figures.data && community && (
        <>
          <Section title="合计" note={`${formatMonth(figures.data.from)}至${formatMonth(figures.data.to)}`}>
            <FiguresGrid
              nameHeader="社区"
              rows={[{ key: community.communityId, name: community.name, figures: community }]}
            />
          </Section>
          <Section title="按月份">
            <FiguresGrid
              nameHeader="月份"
              rows={figures.data.byMonth.flatMap((m) =>
                m.communities.map((c) => ({ key: m.month, name: formatMonth(m.month), figures: c })),
              )}
            />
          </Section>
          <FigureCharts figures={figures.data} />
        </>
      )}
    </>
  );
}
