import type { FeedbackReport } from '@linli/shared';
import { pendingDeadlines } from '@linli/shared/rules';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { DEADLINE_ROW_LABELS, Deadline } from '@/components/deadline';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/lib/format';
import './index.scss';

interface ReportCardProps {
  report: FeedbackReport;
  onOpen: () => void;
  /** Staff see who reported and who works on it. */
  forStaff?: boolean;
  /** Neighbours see who reported (as the API shows it to them: "李**", "匿名居民"). */
  showReporter?: boolean;
  /** Something to do right on the card (e.g. 我也遇到). */
  children?: ReactNode;
}

/** One report in a list: what, where, when, its status and the next deadline with the time left; the card opens the report. */
export function ReportCard({ report, onOpen, forStaff = false, showReporter = false, children }: ReportCardProps) {
  const now = new Date();
  const next = pendingDeadlines(report)[0];
  return (
    <View className="report-card" data-report={report.reportId}>
      <View className="report-card__open" hoverClass="report-card__open--pressed" onClick={onOpen}>
        <View className="report-card__head">
          <Text className="report-card__category">{report.categoryLabel}</Text>
          <StatusTag status={report.status} overdue={report.overdue} />
        </View>
        <Text className="report-card__description">{report.description || '（未填写描述）'}</Text>
        {/* Whole strings: Taro's H5 text element can reorder separate text nodes when one changes. */}
        <Text className="report-card__meta">{`${report.location.address} · ${formatDateTime(report.createdAt, { now })}`}</Text>
        {showReporter && !forStaff && <Text className="report-card__meta">{`反映人：${report.reporterName}`}</Text>}
        {forStaff && (
          <Text className="report-card__meta">
            {`反映人：${report.reporterName}${report.assignee ? ` · 处理：${report.assignee.name}` : ''}`}
          </Text>
        )}
        {next && (
          <View className="report-card__deadline">
            <Text className="report-card__meta">{DEADLINE_ROW_LABELS[next.kind]}</Text>
            <Deadline at={next.at} pending now={now} />
          </View>
        )}
        {report.supporters > 0 && <Text className="report-card__meta">{`${report.supporters} 位邻居也遇到`}</Text>}
      </View>
      {children && <View className="report-card__actions">{children}</View>}
    </View>
  );
}
