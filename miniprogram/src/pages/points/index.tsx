import type { ExchangeDay, PointsRules } from '@linli/shared';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { CommunityGate } from '@/components/community-gate';
import { LoadState } from '@/components/load-state';
import { POINTS_PAGES } from '@/components/points-nav';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StationList } from '@/components/station-list';
import { useAsync } from '@/hooks/use-async';
import { formatGrams, formatMonth } from '@/lib/format';
import { go, withQuery } from '@/navigation';
import { pointsApi } from '@/services/points';
import './index.scss';

function exchangeDayText(day: ExchangeDay): string {
  const hours = `${day.opensAt}–${day.closesAt}`;
  return day.mode === 'monthly' ? `每月 ${day.dayOfMonth} 日 ${hours}` : `每天 ${hours}`;
}

const ROUNDING: Record<PointsRules['rounding'], string> = {
  floor: '不足 1 分的部分不计',
  round: '不足 1 分的部分四舍五入',
  ceil: '不足 1 分的部分按 1 分计',
};

/** Balance, this month, the exchange window, and the way to the member code and the shelves. */
function MyPoints({ communityId }: { communityId: string }) {
  const summary = useAsync(communityId, () => pointsApi.summary(communityId));
  useDidShow(() => {
    if (summary.data) void summary.reload();
  });
  const s = summary.data;
  // Staff without a home here have no account of their own; the shelves and activities stay open to them.
  const notResident = summary.error?.status === 403;
  const open = (path: string) => go(withQuery(path, { communityId }));
  return (
    <>
      <Section title="我的积分">
        {notResident ? (
          <Text className="para">
            积分账户只对本社区已绑定房屋的居民开放。工作人员请到“我的”→“工作台”办理称重和兑换。
          </Text>
        ) : !s ? (
          <LoadState loading={summary.loading} error={summary.error} onRetry={summary.reload} />
        ) : (
          <>
            <View className="points__balance">
              <Text className="points__balance-value" id="points-balance">
                {s.balance}
              </Text>
              <Text className="points__balance-unit">分</Text>
            </View>
            <View className="row">
              <Text className="row__label">{formatMonth(s.month)}获得</Text>
              <Text className="row__value">+{s.earnedThisMonth} 分</Text>
            </View>
            <View className="row">
              <Text className="row__label">{formatMonth(s.month)}兑换</Text>
              <Text className="row__value">{s.spentThisMonth} 分</Text>
            </View>
            <View className={`points__window ${s.exchange.open ? 'points__window--open' : ''}`}>
              <Text className="points__window-title">{s.exchange.open ? '今天是兑换日，正在兑换' : '下次兑换日'}</Text>
              <Text className="points__window-time">{s.exchange.window.description}</Text>
            </View>
          </>
        )}
        {!notResident && (
          <Button block type="primary" size="large" onClick={() => open(POINTS_PAGES.code)}>
            出示积分码
          </Button>
        )}
      </Section>
      <CellGroup>
        <Cell
          title="这个怎么分"
          description="垃圾分类查询：输入物品名称或拼音首字母"
          onClick={() => open(POINTS_PAGES.sorting)}
        />
        <Cell title="兑换物品" description="看看能换什么，兑换日预约领取" onClick={() => open(POINTS_PAGES.rewards)} />
        {!notResident && (
          <>
            <Cell title="我的兑换" description="领取码、取消预约" onClick={() => open(POINTS_PAGES.redemptions)} />
            <Cell title="积分明细" description="每一笔积分的来去" onClick={() => open(POINTS_PAGES.ledger)} />
          </>
        )}
        <Cell title="志愿活动" description="报名、签到，服务得积分" onClick={() => open(POINTS_PAGES.activities)} />
        <Cell title="积分排行榜" description="本月环保之星" onClick={() => open(POINTS_PAGES.leaderboard)} />
      </CellGroup>
    </>
  );
}

export default function PointsPage() {
  return (
    <Screen title="积分">
      <CommunityGate reason="登录并绑定房屋后，可以看到您的积分、积分码和兑换日。">
        {(community) => {
          const rules = community.settings.pointsRules;
          return (
            <>
              <MyPoints communityId={community.communityId} />
              <Section title="每公斤可得积分" note={community.name}>
                {rules.materials.map((m) => (
                  <View key={m.material} className="row">
                    <Text className="row__label">{m.label}</Text>
                    <Text className="row__value">{m.pointsPerKg} 分</Text>
                  </View>
                ))}
                <Text className="para points__rule">
                  {ROUNDING[rules.rounding]}；每次称重最多 {formatGrams(rules.maxLineGrams)}；每人每天最多得{' '}
                  {rules.dailyCapPoints} 分。
                </Text>
              </Section>
              <Section title="积分兑换日">
                <Text className="points__day">{exchangeDayText(community.settings.exchangeDay)}</Text>
                <Text className="para">
                  兑换日可在手机上预约物品，再到服务站出示领取码领取；也可以直接到服务站柜台兑换。
                </Text>
              </Section>
              <Section title="称重和兑换地点">
                <StationList community={community} />
              </Section>
            </>
          );
        }}
      </CommunityGate>
      <Section title="积分怎么来">
        <Text className="para">
          把分好类的可回收物（纸板、塑料瓶、易拉罐等）送到服务站，出示积分码，工作人员称重后按重量给您记积分；参加志愿活动也能得积分。
        </Text>
      </Section>
    </Screen>
  );
}
