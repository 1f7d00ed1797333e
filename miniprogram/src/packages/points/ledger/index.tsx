import { formatWeight } from '@linli/shared/rules';
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

/** The remark a recycling entry's note ends with (（已达每日积分上限）, （审核通过）), without the brackets. */
const remarkOf = (note: string) => /（([^）]+)）$/.exec(note)?.[1];

/**
 * One entry, as honest as the receipt: each line's weight to the gram and its
 * points, where and by whom (masked), and the balance it left.
 */
function Entry({ entry }: { entry: LedgerEntry }) {
  const remark = entry.lines.length > 0 ? remarkOf(entry.note) : undefined;
  const where = [entry.stationName, entry.operatorName && `经办人 ${entry.operatorName}`].filter(Boolean).join(' · ');
  return (
    <View className="ledger-entry">
      <View className="ledger-entry__text">
        <Text className="ledger-entry__type">{entry.typeLabel}</Text>
        {entry.lines.length > 0
          ? entry.lines.map((l) => (
              <Text key={`${l.material}-${l.grams}-${l.points}`} className="ledger-entry__line">
                {l.label} {formatWeight(l.grams)} · {l.points} 分
              </Text>
            ))
          : entry.note && <Text className="ledger-entry__note">{entry.note}</Text>}
        {remark && <Text className="ledger-entry__note">{remark}</Text>}
        {where && <Text className="ledger-entry__where">{where}</Text>}
        <Text className="ledger-entry__at">{formatDateTime(entry.at)}</Text>
      </View>
      <View className="ledger-entry__amounts">
        <Text className={`ledger-entry__points ${entry.points > 0 ? 'ledger-entry__points--in' : ''}`}>
          {entry.points > 0 ? `+${entry.points}` : entry.points}
        </Text>
        {entry.balanceAfter !== null && <Text className="ledger-entry__balance">余额 {entry.balanceAfter}</Text>}
      </View>
    </View>
  );
}

function Ledger({ communityId }: { communityId: string }) {
  const ledger = usePaged<LedgerEntry>(communityId, (cursor) => pointsApi.ledger(communityId, cursor), {
    reloadOnShow: true,
  });
  return (
    <Section title="积分明细" note="最新的在最上面">
      {ledger.items.length === 0 && !ledger.loading && !ledger.error && <Text className="para">还没有积分记录。</Text>}
      {ledger.items.map((entry) => (
        <Entry key={entry.entryId} entry={entry} />
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
