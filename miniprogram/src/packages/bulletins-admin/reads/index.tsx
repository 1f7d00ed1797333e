import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CsvExport } from '@/components/csv-export';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StaffGate } from '@/components/staff-gate';
import { useAsync } from '@/hooks/use-async';
import { formatPercent } from '@/lib/format';
import { bulletinsApi } from '@/services/bulletins';
import './index.scss';

const TITLE = '阅读情况';

/** Who has read a bulletin: readers ÷ audience by building; for important notices, the homes still to visit by grid. */
export default function BulletinReadsPage() {
  const { params } = useRouter();
  return (
    <Screen title={TITLE}>
      <StaffGate
        roles={['admin', 'grid_worker']}
        signInReason="请以社区管理员或网格员身份登录后查看。"
        deniedText="阅读情况只对社区管理员和网格员开放。"
      >
        {({ community }) => <Reads communityId={community.communityId} bulletinId={params.bulletinId ?? ''} />}
      </StaffGate>
    </Screen>
  );
}

function Reads({ communityId, bulletinId }: { communityId: string; bulletinId: string }) {
  const key = `${communityId}:${bulletinId}`;
  const bulletin = useAsync(key, () => bulletinsApi.get(communityId, bulletinId));
  const figures = useAsync(key, () => bulletinsApi.reads(communityId, bulletinId));
  const data = figures.data;
  if (!data) return <LoadState loading={figures.loading} error={figures.error} onRetry={() => void figures.reload()} />;

  const unreadHomes = data.unreadByGrid.reduce((n, g) => n + g.households.length, 0);
  return (
    <View className="reads">
      <View className="reads__head">
        <Text className="reads__title">{bulletin.data?.title ?? ''}</Text>
        <View className="reads__totals">
          <View className="reads__total">
            <Text className="reads__number">{data.readers}</Text>
            <Text className="reads__label">已读</Text>
          </View>
          <View className="reads__total">
            <Text className="reads__number">{data.audienceHouseholds}</Text>
            <Text className="reads__label">应读（户）</Text>
          </View>
          <View className="reads__total">
            <Text className="reads__number">{formatPercent(data.rate)}</Text>
            <Text className="reads__label">阅读率</Text>
          </View>
        </View>
        <Text className="reads__summary">{`已读 ${data.readers} 人，应读 ${data.audienceHouseholds} 户`}</Text>
      </View>

      <Section title="按楼栋">
        <View className="reads__table" aria-role="table">
          <View className="reads__row reads__row--head">
            <Text className="reads__cell reads__cell--name">楼栋</Text>
            <Text className="reads__cell">已读/应读</Text>
            <Text className="reads__cell">阅读率</Text>
          </View>
          {data.byBuilding.map((b) => (
            <View key={b.buildingId} className="reads__row">
              <Text className="reads__cell reads__cell--name">{b.name}</Text>
              <Text className="reads__cell">{`${b.readers}/${b.audience}`}</Text>
              <Text className="reads__cell">{formatPercent(b.rate)}</Text>
            </View>
          ))}
        </View>
      </Section>

      {bulletin.data?.important && (
        <Section
          title="未读住户（按网格）"
          note={unreadHomes > 0 ? `还有 ${unreadHomes} 户没有确认阅读，可请网格员上门告知` : '所有住户都已确认阅读'}
        >
          {data.unreadByGrid.map((g) => (
            <View key={g.gridId} className="reads__grid">
              <Text className="reads__grid-name">{`${g.name}（${g.households.length} 户）`}</Text>
              {g.households.map((h) => (
                <Text
                  key={`${g.gridId}:${h.address}`}
                  className="reads__home"
                >{`${h.address}　${h.residentName}`}</Text>
              ))}
            </View>
          ))}
        </Section>
      )}

      <Section title="导出">
        <CsvExport load={() => bulletinsApi.readsCsv(communityId, bulletinId, bulletin.data?.title ?? bulletinId)} />
      </Section>
    </View>
  );
}
