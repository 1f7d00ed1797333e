import type { FeedbackReport } from '@linli/shared';
import { FEEDBACK_ACTION_LABELS } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { FieldError } from '@/components/field-error';
import { ReportCard } from '@/components/report-card';
import { Section } from '@/components/section';

interface SimilarReportsProps {
  reports: FeedbackReport[];
  /** The report being joined, while it is sent. */
  joining: string | undefined;
  joinError: { reportId: string; message: string } | undefined;
  onJoin: (report: FeedbackReport) => void;
  onOpen: (report: FeedbackReport) => void;
}

/** Open reports of the same kind at the same building: joining one beats filing the same thing twice. */
export function SimilarReports({ reports, joining, joinError, onJoin, onOpen }: SimilarReportsProps) {
  if (reports.length === 0) return null;
  return (
    <Section title="附近已有相似的反映" note="如果是同一件事，点“我也遇到”就行，不用重复提交">
      {reports.map((report) => (
        <ReportCard key={report.reportId} report={report} showReporter onOpen={() => onOpen(report)}>
          {report.isMine && <Text className="para">这是您反映的</Text>}
          {report.allowedActions.includes('join') && (
            <Button
              type="primary"
              fill="outline"
              className="similar__join"
              loading={joining === report.reportId}
              disabled={!!joining && joining !== report.reportId}
              onClick={() => onJoin(report)}
            >
              {FEEDBACK_ACTION_LABELS.join}
            </Button>
          )}
        </ReportCard>
      ))}
      {joinError && <FieldError message={joinError.message} />}
    </Section>
  );
}
