import type { FeedbackAction } from '@linli/shared';
import { FEEDBACK_ACTION_LABELS } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useCommunity } from '@/hooks/use-community';
import { useSession } from '@/hooks/use-session';
import { ActionSheet } from '../components/action-sheet';
import { CallReporter } from '../components/call-reporter';
import { ReportSummary } from '../components/report-summary';
import { Timeline } from '../components/timeline';
import { deskOf, useReport } from '../hooks/use-report';
import './index.scss';

const TITLE = '反映详情';

/** Actions that move a report forward get the filled button; the rest are outlined. */
const FORWARD: readonly FeedbackAction[] = ['accept', 'dispatch', 'arrive', 'resolve', 'confirm', 'join', 'follow_up'];

/**
 * One report for everyone who may see it: the resident who filed it, a
 * neighbour who joined it, and staff (who also see internal notes). The
 * buttons are exactly the actions the API says the caller may take now.
 */
export default function ReportPage() {
  const { params } = useRouter();
  const session = useSession();
  // Opened from a unit's queue or the street's desk, it is read and acted on as that desk.
  const desk = deskOf(params);
  const report = useReport(session ? params.communityId : undefined, params.reportId, desk);
  const community = useCommunity(session && !desk ? params.communityId : undefined);
  const [action, setAction] = useState<FeedbackAction>();

  if (!session)
    return (
      <Screen title={TITLE}>
        <SignInPrompt reason="登录后可以查看反映的办理进度。" />
      </Screen>
    );
  const detail = report.detail;
  if (!detail)
    return (
      <Screen title={TITLE}>
        <LoadState loading={report.loading} error={report.error} onRetry={() => void report.reload()} />
      </Screen>
    );

  const { allowedActions } = detail.report;
  return (
    <Screen title={TITLE}>
      <Section title="反映内容">
        <ReportSummary report={detail.report} />
        <CallReporter report={detail.report} />
      </Section>

      {allowedActions.length > 0 && (
        <Section title="您现在可以">
          <View className="report__actions">
            {allowedActions.map((a) => (
              <Button
                key={a}
                className="report__action"
                data-action={a}
                type="primary"
                fill={FORWARD.includes(a) ? 'solid' : 'outline'}
                onClick={() => setAction(a)}
              >
                {FEEDBACK_ACTION_LABELS[a]}
              </Button>
            ))}
          </View>
        </Section>
      )}

      <Section title="办理经过" note="每一步都有记录">
        <Timeline events={detail.events} />
        {report.loading && <Text className="para">正在刷新…</Text>}
      </Section>

      <ActionSheet
        action={action}
        report={detail.report}
        community={community.data}
        desk={desk}
        onClose={() => setAction(undefined)}
        onDone={(next) => {
          report.update(next);
          setAction(undefined);
          void Taro.showToast({ title: '已提交', icon: 'success' });
        }}
      />
    </Screen>
  );
}
