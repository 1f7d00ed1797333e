import { Text, View } from '@tarojs/components';
import { CsvExport } from '@/components/csv-export';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StaffGate } from '@/components/staff-gate';
import { useAsync } from '@/hooks/use-async';
import { formatDateTime } from '@/lib/format';
import { api } from '@/services/api';
import './index.scss';

const TITLE = '议事清单';
const DAYS = 90;

/** Problems reported again and again at one building: what the deliberation meeting should fix first. */
export default function DemandListPage() {
  return (
    <Screen title={TITLE}>
      <StaffGate
        roles={['admin']}
        signInReason="登录后查看议事清单。"
        deniedTitle="没有查看权限"
        deniedText="议事清单只对社区管理员开放。"
      >
        {({ community }) => <DemandList communityId={community.communityId} communityName={community.name} />}
      </StaffGate>
    </Screen>
  );
}

function DemandList({ communityId, communityName }: { communityId: string; communityName: string }) {
  const demand = useAsync(`demand:${communityId}`, () => api.demand(communityId, DAYS));
  const items = demand.data?.items ?? [];
  return (
    <>
      <View className="demand__head">
        <Text className="demand__title">{communityName}议事清单</Text>
        <Text className="demand__note">近 {DAYS} 天同一楼栋反复反映（2 次及以上）的问题，反映次数多的在前</Text>
      </View>

      <LoadState loading={demand.loading} error={demand.error} onRetry={() => void demand.reload()} />
      {demand.data && items.length === 0 && (
        <Section title="没有反复出现的问题">
          <Text className="para">近 {DAYS} 天没有同一楼栋重复反映的同类问题。</Text>
        </Section>
      )}
      {items.length > 0 && (
        <Section title={`共 ${items.length} 项`}>
          {items.map((item, i) => (
            <View key={`${item.category}:${item.buildingId}`} className="demand-item">
              <Text className="demand-item__rank">{i + 1}</Text>
              <View className="demand-item__text">
                <Text className="demand-item__what">
                  {item.place} · {item.categoryLabel}
                </Text>
                <Text className="demand-item__meta">
                  反映 {item.count} 次，其中 {item.open} 件未办完；最近一次 {formatDateTime(item.lastReportedAt)}
                </Text>
              </View>
            </View>
          ))}
        </Section>
      )}

      <Section title="导出">
        <CsvExport load={() => api.demandCsv(communityId, DAYS)} />
      </Section>
    </>
  );
}
