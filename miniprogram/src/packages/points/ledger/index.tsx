import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { CommunityGate } from '@/components/community-gate';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { usePaged } from '@/hooks/use-paged';
import { formatDateTime } from '@/lib/format';
import { type LedgerEntry, pointsApi } from '@/services/points';
import './index.scss';

function Ledger({ communityId }: { communityId: string }) {
  const ledger = usePaged<LedgerEntry>(communityId, (cursor) => pointsApi.ledger(communityId, cursor), {
    reloadOnShow: true,
  });
  return (
    <Section title="积分明细" note="最新的在最上面">
      {ledger.items.length === 0 && !ledger.loading && !ledger.error && <Text className="para">还没有积分记录。</Text>}
      {ledger.items.map((entry) => (
        <View key={entry.entryId} className="ledger-entry">
          <View className="ledger-entry__text">
            <Text className="ledger-entry__type">{entry.typeLabel}</Text>
            {entry.note && <Text className="ledger-entry__note">{entry.note}</Text>}
            <Text className="ledger-entry__at">{formatDateTime(entry.at)}</Text>
          </View>
          <Text className={`ledger-entry__points ${entry.points > 0 ? 'ledger-entry__points--in' : ''}`}>
            {entry.points > 0 ? `+${entry.points}` : entry.points}
          </Text>
        </View>
      ))}
      <LoadState loading={ledger.loading} error={ledger.error} onRetry={ledger.reload} />
      {ledger.cursor && !ledger.loading && (
        <Button block fill="outline" type="primary" onClick={ledger.more}>
          加载更多
        </Button>
      )}
    </Section>
  );
}

export default function LedgerPage() {
  return (
    <Screen title="积分明细">
      <CommunityGate reason="登录并绑定房屋后，可以看到积分明细。">
        {(community) => <Ledger communityId={community.communityId} />}
      </CommunityGate>
    </Screen>
  );
}
