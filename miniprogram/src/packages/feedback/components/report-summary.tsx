import type { FeedbackReport } from '@linli/shared';
import {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLOSURE_LABELS,
  formatDeadline,
  isOpen,
  pendingDeadlines,
  wgs84ToGcj02,
} from '@linli/shared/rules';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { DEADLINE_ROW_LABELS, Deadline } from '@/components/deadline';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/lib/format';
import { ASSIGNEE_KIND_LABELS } from '../lib/labels';
import { MediaLink } from './media-link';
import { PhotoStrip } from './photo-strip';
import './report-summary.scss';

/**
 * What the report is, where, its deadlines (Shanghai time; while still to meet, with the time
 * left or overdue, from the shared rules) and who works on it.
 */
export function ReportSummary({ report, now = new Date() }: { report: FeedbackReport; now?: Date }) {
  const pending = new Set(pendingDeadlines(report).map((d) => d.kind));
  // A moment, kept on one line; like the deadlines, without the year while it is this year.
  const moment = (iso: string) => <Text className="report-summary__time">{formatDateTime(iso, { now })}</Text>;
  const deadline = (at: string, kind: keyof typeof DEADLINE_ROW_LABELS) => (
    <Deadline at={at} pending={pending.has(kind)} now={now} />
  );
  const { point } = report.location;
  const rows: [string, ReactNode][] = [
    ['位置', report.location.address || (point ? '见地图位置' : '未填写')],
    // Only the reporter needs to be told their choice; staff-entered reports are never named to neighbours anyway.
    ['反映人', `${report.reporterName}${report.isMine && report.anonymous ? '（对邻居匿名）' : ''}`],
    ['来源', FEEDBACK_CHANNEL_LABELS[report.channel]],
    ['提交时间', moment(report.createdAt)],
  ];
  // WGS-84 degrees as the reporter's device or an Open311 client gave them.
  if (point) {
    const coordinates = `纬度 ${point.lat}，经度 ${point.long}`;
    // In WeChat, its map opens at the spot (it wants GCJ-02); the browser build shows the numbers.
    const shown = wgs84ToGcj02(point);
    const value =
      process.env.TARO_ENV === 'weapp' ? (
        <Text
          key="map"
          className="report-summary__map"
          onClick={() => void Taro.openLocation({ latitude: shown.lat, longitude: shown.long, scale: 17 })}
        >
          {`${coordinates}（在地图中查看）`}
        </Text>
      ) : (
        coordinates
      );
    rows.splice(1, 0, ['地图位置', value]);
  }
  // Answers to the category's questions (漏水位置：楼道), asked by Open311's service definition.
  for (const detail of report.details) rows.push([detail.label, detail.value]);
  // Sent only to the people who may contact the reporter, like the number.
  if (report.reporterEmail) rows.push(['反映人邮箱', report.reporterEmail]);
  if (report.mediaUrl) rows.push(['附带链接', <MediaLink key="media" url={report.mediaUrl} />]);
  // The acceptance deadline matters only until someone accepts; then the others take over.
  if (report.acceptBy && pending.has('accept'))
    rows.push([DEADLINE_ROW_LABELS.accept, deadline(report.acceptBy, 'accept')]);
  if (report.acceptedAt) rows.push(['受理时间', moment(report.acceptedAt)]);
  if (report.respondBy) {
    const kind = report.respondKind === 'plan' ? 'plan' : 'on_site';
    rows.push([DEADLINE_ROW_LABELS[kind], deadline(report.respondBy, kind)]);
  }
  if (report.resolveBy) rows.push([DEADLINE_ROW_LABELS.resolve, deadline(report.resolveBy, 'resolve')]);
  // Sent up to the committee (staff see it): its own deadline, to meet while the committee still has the case.
  if (report.committeeBy) {
    const withCommittee = isOpen(report.status) && report.escalated && !report.streetEscalatedAt;
    rows.push(['社区办结时限', <Deadline key="committee" at={report.committeeBy} pending={withCommittee} now={now} />]);
  }
  if (report.resolvedAt) rows.push(['办结时间', moment(report.resolvedAt)]);
  // Waiting for the reporter: until when, before the system confirms for them.
  if (report.confirmBy)
    rows.push(['确认期限', `${formatDeadline(report.confirmBy, { now })} 前未确认，系统将自动确认`]);
  if (report.closure)
    rows.push([
      '办结方式',
      report.closure === 'auto' ? '系统自动确认（未评价）' : FEEDBACK_CLOSURE_LABELS[report.closure],
    ]);
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
      {report.overdue && (
        <Text className="report-summary__overdue">
          {report.status === 'submitted' ? '未在承诺的时限内受理，社区正在督办。' : '已超过承诺的时限，社区正在督办。'}
        </Text>
      )}
      <Text className="report-summary__description">{report.description || '（未填写描述）'}</Text>
      <PhotoStrip photos={report.photos} label="现场照片" />
      {rows.map(([label, value]) => (
        <View key={label} className="row" data-row={label}>
          <Text className="row__label">{label}</Text>
          {typeof value === 'string' ? (
            <Text className="row__value report-summary__value">{value}</Text>
          ) : (
            <View className="row__value report-summary__value">{value}</View>
          )}
        </View>
      ))}
      {report.rating && (
        <View className="report-summary__rating">
          <Text className="report-summary__stars" aria-label={`评分 ${report.rating.score} 分`}>
            {'★'.repeat(report.rating.score) + '☆'.repeat(5 - report.rating.score)}
          </Text>
          <Text>
            {report.closure === 'follow_up'
              ? `回访评价 ${report.rating.score} 分（工作人员回访时代居民评价）`
              : `居民评价 ${report.rating.score} 分`}
          </Text>
          {report.rating.comment && <Text className="report-summary__comment">“{report.rating.comment}”</Text>}
        </View>
      )}
    </View>
  );
}
