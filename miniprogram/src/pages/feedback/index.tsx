import type { SlaPolicy } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { CommunityGate } from '@/components/community-gate';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StationList } from '@/components/station-list';
import { formatMinutes } from '@/lib/format';

const TOPICS = [
  '房屋漏水、下水道堵塞、井盖破损',
  '路灯、门禁、监控等公共设施损坏',
  '楼道堆物、消防通道堵塞、电动车“飞线”充电',
  '乱停车、噪音、不拴绳遛狗',
  '邻里纠纷，需要社区出面调解',
  '独居老人等需要帮助的情况',
  '对社区工作的意见和建议',
];

function promises(sla: SlaPolicy): [string, string][] {
  return [
    ['紧急问题，工作人员到场', `${formatMinutes(sla.urgentOnSiteMinutes)}内`],
    ['一般问题，修好', `${formatMinutes(sla.routineFixMinutes)}内`],
    ['复杂问题，给出解决方案', `${formatMinutes(sla.complexPlanMinutes)}内`],
    ['小修', `${sla.repairDays.small} 天内`],
    ['中修', `${sla.repairDays.medium} 天内`],
    ['大修', `${sla.repairDays.major} 天内`],
  ];
}

export default function FeedbackPage() {
  return (
    <Screen title="意见箱">
      <Section title="可以反映哪些问题" note="身边的难事、烦心事，都可以告诉社区">
        {TOPICS.map((topic) => (
          <Text key={topic} className="para">
            · {topic}
          </Text>
        ))}
      </Section>

      <CommunityGate reason="登录并绑定房屋后，可以看到您所在社区的服务承诺和反映渠道。">
        {(community) => (
          <>
            <Section title="社区服务承诺" note={`${community.name}承诺，从受理开始计算：`}>
              {promises(community.settings.sla).map(([label, value]) => (
                <View key={label} className="row">
                  <Text className="row__label">{label}</Text>
                  <Text className="row__value">{value}</Text>
                </View>
              ))}
            </Section>
            <Section title="怎样反映" note="网上提交意见的功能还在建设中">
              <Text className="para">
                现在请到下面的党群服务站当面反映，或投进社区意见箱，工作人员会为您登记并按上面的时限处理。
              </Text>
              <StationList community={community} />
            </Section>
          </>
        )}
      </CommunityGate>
    </Screen>
  );
}
