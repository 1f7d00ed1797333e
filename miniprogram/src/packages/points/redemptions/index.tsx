import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CommunityGate } from '@/components/community-gate';
import { LoadState } from '@/components/load-state';
import { PickupCard } from '@/components/points-pickup';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { usePaged } from '@/hooks/use-paged';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { toApiError } from '@/services/api';
import { pointsApi, type Redemption } from '@/services/points';
import './index.scss';

function RedemptionCard({
  redemption,
  onCancel,
}: {
  redemption: Redemption;
  onCancel: (r: Redemption, idempotencyKey: string) => Promise<void>;
}) {
  const cancelling = useWrite(onCancel);
  const [shown, setShown] = useState(false);
  const reserved = redemption.status === 'reserved';
  return (
    <Section
      title={`${redemption.statusLabel} · ${redemption.stationName}`}
      note={formatDateTime(redemption.createdAt)}
    >
      {reserved && shown ? (
        <PickupCard redemption={redemption} />
      ) : (
        <View>
          {redemption.items.map((item) => (
            <Text key={item.rewardId} className="para">
              {item.name} × {item.quantity}
            </Text>
          ))}
          <Text className="para">共 {redemption.totalPoints} 分</Text>
        </View>
      )}
      {redemption.fulfilledAt && <Text className="para">领取时间：{formatDateTime(redemption.fulfilledAt)}</Text>}
      {redemption.cancelledAt && (
        <Text className="para">
          取消时间：{formatDateTime(redemption.cancelledAt)}，积分已退回
          {redemption.cancelReason ? `（${redemption.cancelReason}）` : ''}
        </Text>
      )}
      {reserved && (
        <>
          <Text className="para">请在 {formatDateTime(redemption.windowClosesAt)} 前领取</Text>
          {!shown && (
            <Button block type="primary" size="large" onClick={() => setShown(true)}>
              出示领取码
            </Button>
          )}
          <Button
            block
            fill="outline"
            type="primary"
            loading={cancelling.busy}
            disabled={cancelling.busy}
            onClick={() => cancelling.run(redemption)}
          >
            取消预约
          </Button>
        </>
      )}
    </Section>
  );
}

function Redemptions({ communityId }: { communityId: string }) {
  const list = usePaged<Redemption>(communityId, (cursor) => pointsApi.myRedemptions(communityId, cursor), {
    reloadOnShow: true,
  });
  const cancel = async (redemption: Redemption, key: string) => {
    const { confirm } = await Taro.showModal({
      title: '取消预约？',
      content: `取消后 ${redemption.totalPoints} 分退回您的账户，物品放回货架。`,
      confirmText: '取消预约',
      cancelText: '不取消',
    });
    if (!confirm) return;
    // One key per intent: a retry after a network error repeats the same cancel.
    for (let attempt = 0; attempt < 2; attempt++)
      try {
        const updated = await pointsApi.cancelRedemption(communityId, redemption.redemptionId, '', key);
        list.replace(updated, (a, b) => a.redemptionId === b.redemptionId);
        void Taro.showToast({ title: '已取消，积分已退回', icon: 'none' });
        return;
      } catch (e) {
        const error = toApiError(e);
        if (error.status !== 0 || attempt === 1) {
          void Taro.showModal({ title: '没能取消', content: error.message, showCancel: false });
          return;
        }
      }
  };
  return (
    <View>
      {list.items.length === 0 && !list.loading && !list.error && (
        <Section title="还没有兑换">
          <Text className="para">兑换日可以在“兑换物品”里预约。</Text>
        </Section>
      )}
      {list.items.map((r) => (
        <RedemptionCard key={r.redemptionId} redemption={r} onCancel={cancel} />
      ))}
      <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
      {list.cursor && !list.loading && (
        <Button block fill="outline" type="primary" onClick={list.more}>
          加载更多
        </Button>
      )}
    </View>
  );
}

export default function RedemptionsPage() {
  return (
    <Screen title="我的兑换">
      <CommunityGate reason="登录并绑定房屋后，可以看到您的兑换。">
        {(community) => <Redemptions communityId={community.communityId} />}
      </CommunityGate>
    </Screen>
  );
}
