import type { ExchangeDay, PointsRules } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { CommunityGate } from '@/components/community-gate';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StationList } from '@/components/station-list';
import { formatGrams } from '@/lib/format';
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

export default function PointsPage() {
  return (
    <Screen title="积分">
      <Section title="积分怎么来">
        <Text className="para">
          把分好类的可回收物（纸板、塑料瓶、易拉罐等）送到服务站，工作人员称重后按重量给您记积分。
        </Text>
      </Section>

      <CommunityGate reason="登录并绑定房屋后，可以看到您所在社区的积分规则和兑换日。">
        {(community) => {
          const rules = community.settings.pointsRules;
          return (
            <>
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
                <Text className="para">兑换日可到服务站用积分换取日用品，具体物品和数量以服务站公布为准。</Text>
                <Text className="para">积分账户开通后，您的余额和明细会显示在这里。</Text>
              </Section>
              <Section title="称重和兑换地点">
                <StationList community={community} />
              </Section>
            </>
          );
        }}
      </CommunityGate>
    </Screen>
  );
}
