import type { Community } from '@linli/shared';
import { pointsShortfall } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { CommunityGate } from '@/components/community-gate';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { chosenItems, ItemPicker, totalPoints } from '@/components/points-item-picker';
import { POINTS_PAGES } from '@/components/points-nav';
import { PickupCard } from '@/components/points-pickup';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { go, withQuery } from '@/navigation';
import { type ItemChoice, pointsApi } from '@/services/points';
import { askForSubscriptions } from '@/services/subscriptions';
import './index.scss';

function Shelves({ community }: { community: Community }) {
  const communityId = community.communityId;
  const summary = useAsync(communityId, () => pointsApi.summary(communityId));
  const rewards = useAsync(communityId, () => pointsApi.rewards(communityId));
  const [stationId, setStationId] = useState<string | undefined>(community.stations[0]?.stationId);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const reservation = useWrite(async (body: { stationId: string; items: ItemChoice[] }, key: string) => {
    // WeChat asks only inside the tap, before anything else is awaited; the answer never stops the reservation.
    await askForSubscriptions(['pickup_reminder']);
    return pointsApi.reserve(communityId, body, key);
  });
  const made = reservation.result;
  const busy = reservation.busy;

  // Staff (no account of their own) still see the shelves, read-only.
  const catalogOnly = summary.error?.status === 403;
  if (!rewards.data || (!summary.data && !catalogOnly))
    return (
      <LoadState
        loading={rewards.loading || summary.loading}
        error={rewards.error ?? summary.error}
        onRetry={() => void Promise.all([rewards.reload(), summary.reload()])}
      />
    );

  if (made)
    return (
      <Section title="预约成功" note="兑换日结束前到服务站领取；不需要了可以在“我的兑换”里取消">
        <PickupCard redemption={made} />
        <Button
          block
          type="primary"
          size="large"
          onClick={() => go(withQuery(POINTS_PAGES.redemptions, { communityId }))}
        >
          查看我的兑换
        </Button>
      </Section>
    );

  const items = rewards.data.items.filter((r) => r.active);
  const open = summary.data?.exchange.open ?? false;
  const balance = summary.data?.balance ?? 0;
  const total = totalPoints(items, quantities);
  // Staff browsing the catalog have no balance: nothing is short for them (they cannot reserve anyway).
  const short = summary.data ? pointsShortfall(balance, total) : 0;
  const errors = reservation.errorsFor(['stationId', 'items'] as const);
  const reserve = () => void reservation.run({ stationId: stationId ?? '', items: chosenItems(quantities) });

  return (
    <>
      {summary.data && (
        <Section title={open ? '今天是兑换日' : '还没到兑换日'} note={summary.data.exchange.window.description}>
          <Text className="para">
            我的积分：<Text className="shelves__balance">{balance}</Text> 分
          </Text>
          {!open && <Text className="para">兑换日才能预约，现在可以先看看有什么物品。</Text>}
        </Section>
      )}
      <Section title="在哪个服务站领取">
        <ChoiceChips
          choices={community.stations.map((s) => ({ value: s.stationId, label: s.name }))}
          value={stationId}
          onChange={(value) => setStationId(value)}
        />
        <FieldError message={errors.stationId} />
      </Section>
      <Section title="物品">
        <ItemPicker
          rewards={items}
          stationId={stationId}
          quantities={quantities}
          onChange={open ? setQuantities : undefined}
        />
        <FieldError message={errors.items} />
      </Section>
      {open && (
        <Section title="确认预约" note="预约时微信会问您是否接收领取提醒，建议选“允许”">
          <Text className="para">
            共 <Text className="shelves__total">{total}</Text> 分
          </Text>
          {short > 0 && (
            <Text className="para shelves__short">
              积分不够，还差 <Text className="shelves__short-points">{short}</Text> 分
            </Text>
          )}
          <FieldError message={errors.general} />
          <Button
            block
            type="primary"
            size="large"
            loading={busy}
            disabled={busy || total === 0 || !stationId || short > 0}
            onClick={reserve}
          >
            预约兑换
          </Button>
        </Section>
      )}
    </>
  );
}

export default function RewardsPage() {
  return (
    <Screen title="兑换物品">
      <CommunityGate reason="登录并绑定房屋后，可以用积分兑换物品。">
        {(community) => <Shelves community={community} />}
      </CommunityGate>
    </Screen>
  );
}
