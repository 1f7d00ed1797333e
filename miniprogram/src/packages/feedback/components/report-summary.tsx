import type { FeedbackReport } from '@linli/shared';
import { FEEDBACK_CHANNEL_LABELS } from '@linli/shared/rules';
import { Text, View } from '@tarojs/components';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/lib/format';
import { ASSIGNEE_KIND_LABELS } from '../lib/labels';
import { PhotoStrip } from './photo-strip';
import './report-summary.scss';

/** What the report is, where, its deadlines (Shanghai time) and who works on it. */
export function ReportSummary({ report }: { report: FeedbackReport }) {
  const rows: [string, string][] = [
    ['位置', report.location.address],
    // Only the reporter needs to be told their choice; staff-entered reports are never named to neighbours anyway.
    ['反映人', `${report.reporterName}${report.isMine && report.anonymous ? '（对邻居匿名）' : ''}`],
    ['来源', FEEDBACK_CHANNEL_LABELS[report.channel]],
    ['提交时间', formatDateTime(report.createdAt)],
  ];
  if (report.acceptedAt) rows.push(['受理时间', formatDateTime(report.acceptedAt)]);
  if (report.respondBy)
    rows.push([report.respondKind === 'plan' ? '给出方案时限' : '到场时限', formatDateTime(report.respondBy)]);
  if (report.resolveBy) rows.push(['办结时限', formatDateTime(report.resolveBy)]);
  if (report.resolvedAt) rows.push(['办结时间', formatDateTime(report.resolvedAt)]);
  if (report.assignee) {
    const kind = ASSIGNEE_KIND_LABELS[report.assignee.kind];
    rows.push(['处理人', report.assignee.name === kind ? kind : `${report.assignee.name}（${kind}）`]);
  }
  if (report.supporters > 0) rows.push(['也遇到的邻居', `${report.supporters} 位`]);

  return (
    <View className="report-summary">
      <View className="report-summary__head">
        <Text className="report-summary__category">{report.categoryLabel}</Text>
        <StatusTag status={report.status} overdue={report.overdue} />
      </View>
      {report.overdue && <Text className="report-summary__overdue">已超过承诺的时限，社区正在督办。</Text>}
      <Text className="report-summary__description">{report.description}</Text>
      <PhotoStrip photos={report.photos} label="现场照片" />
      {rows.map(([label, value]) => (
        <View key={label} className="row">
          <Text className="row__label">{label}</Text>
          <Text className="row__value report-summary__value">{value}</Text>
        </View>
      ))}
      {report.rating && (
        <View className="report-summary__rating">
          <Text className="report-summary__stars" aria-label={`评分 ${report.rating.score} 分`}>
            {'★'.repeat(report.rating.score) + '☆'.repeat(5 - report.rating.score)}
          </Text>
          <Text>{`居民评价 ${report.rating.score} 分`}</Text>
          {report.rating.comment && <Text className="report-summary__comment">“{report.rating.comment}”</Text>}
        </View>
      )}
    </View>
  );
}
