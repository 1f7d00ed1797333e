import type { Community } from '@linli/shared';
import { servicePromises } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { CommunityGate } from '@/components/community-gate';
import { LoadState } from '@/components/load-state';
import { ReportCard } from '@/components/report-card';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StationList } from '@/components/station-list';
import { rolesIn, useMe } from '@/hooks/use-me';
import { usePaged } from '@/hooks/use-paged';
import { go, PAGES, reportUrl, withQuery } from '@/navigation';
import { api } from '@/services/api';
import './index.scss';

const TOPICS = [
  '房屋漏水、下水道堵塞、井盖破损',
  '路灯、门禁、监控等公共设施损坏',
  '楼道堆物、消防通道堵塞、电动车“飞线”充电',
  '乱停车、噪音、不拴绳遛狗',
  '邻里纠纷，需要社区出面调解',
  '独居老人等需要帮助的情况',
  '对社区工作的意见和建议',
];

/** A number and its unit never part at the end of a line: "15 天" and "24:00 前" get a no-break space. */
const keepNumbersWhole = (text: string) => text.replace(/(\d) (?=\S)/g, '$1\u00a0');

export default function FeedbackPage() {
  return (
    <Screen title="意见箱">
      <CommunityGate reason="登录并绑定房屋后，可以在网上反映问题、查看办理进度。">
        {(community) => <FeedbackHome community={community} />}
      </CommunityGate>

      <Section title="可以反映哪些问题" note="身边的难事、烦心事，都可以告诉社区">
        {TOPICS.map((topic) => (
          <Text key={topic} className="para">
            · {topic}
          </Text>
        ))}
      </Section>
    </Screen>
  );
}

function FeedbackHome({ community }: { community: Community }) {
  const { me } = useMe();
  const communityId = community.communityId;
  const isResident = rolesIn(me, communityId).includes('resident');
  // Coming back from a report or the submit page shows what changed.
  const mine = usePaged(isResident ? `mine:${communityId}` : null, (cursor) => api.myFeedback(communityId, cursor), {
    reloadOnShow: true,
  });

  return (
    <>
      <Section title="反映问题" note={`${community.name}的工作人员会按承诺的时限处理`}>
        {isResident ? (
          <Button
            block
            size="large"
            type="primary"
            className="feedback__report"
            onClick={() => go(withQuery(PAGES.feedbackSubmit, { communityId }))}
          >
            我要反映
          </Button>
        ) : (
          <Text className="para">房屋绑定通过审核后，就可以在网上反映问题。您也可以到下面的服务站当面反映。</Text>
        )}
      </Section>

      {isResident && (
        <Section title="我的反映" note="点开可以查看办理进度、确认和评价">
          {mine.items.map((report) => (
            <ReportCard
              key={report.reportId}
              report={report}
              onOpen={() => go(reportUrl(communityId, report.reportId))}
            />
          ))}
          {!mine.loading && !mine.error && mine.items.length === 0 && (
            <Text className="para">您还没有反映过问题。</Text>
          )}
          <LoadState loading={mine.loading} error={mine.error} onRetry={() => void mine.reload()} />
          {mine.cursor && !mine.loading && (
            <Button block fill="outline" onClick={() => void mine.more()}>
              加载更多
            </Button>
          )}
        </Section>
      )}

      <View
        className="feedback__board"
        hoverClass="feedback__board--pressed"
        onClick={() => go(withQuery(PAGES.feedbackBoard, { communityId }))}
      >
        <View className="feedback__board-text">
          <Text className="feedback__board-title">公示栏</Text>
          <Text className="feedback__board-note">看看社区已经办好了哪些事</Text>
        </View>
        <Text className="feedback__board-go">查看 ›</Text>
      </View>

      {/* The community's own settings, in the words of the shared rules that compute the deadlines. */}
      <Section
        title="社区服务承诺"
        note={`${community.name}承诺：收到反映后按时受理，受理后按时到场、解决；维修按天计的，受理次日算第 1 天`}
      >
        {servicePromises(community.settings.sla).map(({ label, value }) => (
          <View key={label} className="row feedback__promise">
            <Text className="row__label">{label}</Text>
            <Text className="row__value feedback__promise-value">{keepNumbersWhole(value)}</Text>
          </View>
        ))}
      </Section>

      <Section title="也可以当面反映" note="到服务站当面说，或投进社区意见箱，工作人员会为您登记">
        <StationList community={community} />
      </Section>
    </>
  );
}
