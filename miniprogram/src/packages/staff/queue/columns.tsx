import type { FeedbackReport } from '@linli/shared';
import { FEEDBACK_STATUSES } from '@linli/shared/rules';
import { Text, View } from '@tarojs/components';
import type { Column } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';

const pad = (n: number) => String(n).padStart(2, '0');

/** `11月23日 14:05` (Shanghai): a table column has no room for the year. */
function shortTime(iso: string | null): string {
  if (!iso) return '—';
  const t = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** The next deadline of an open report: resolve-by, else respond-by. */
const deadlineOf = (r: FeedbackReport) => r.resolveBy ?? r.respondBy;

export const COLUMNS: Column<FeedbackReport>[] = [
  {
    key: 'report',
    title: '反映',
    width: 'minmax(12em, 1fr)',
    sortValue: (r) => r.categoryLabel,
    render: (r) => (
      <View className="queue-table__report">
        <Text className="queue-table__category">{r.categoryLabel}</Text>
        <Text className="queue-table__description">{r.description || '（未填写描述）'}</Text>
      </View>
    ),
  },
  {
    key: 'place',
    title: '地点',
    width: '8em',
    sortValue: (r) => r.location.address,
    render: (r) => <Text>{r.location.address}</Text>,
  },
  {
    key: 'status',
    title: '状态',
    width: '6.5em',
    // Waiting first (the order of the state machine), overdue ahead of the rest of its status.
    sortValue: (r) => FEEDBACK_STATUSES.indexOf(r.status) * 2 + (r.overdue ? 0 : 1),
    render: (r) => <StatusTag status={r.status} overdue={r.overdue} />,
  },
  {
    key: 'createdAt',
    title: '反映时间',
    width: '7.5em',
    sortValue: (r) => r.createdAt,
    render: (r) => <Text>{shortTime(r.createdAt)}</Text>,
  },
  {
    key: 'deadline',
    title: '时限',
    width: '7.5em',
    sortValue: deadlineOf,
    render: (r) => <Text>{shortTime(deadlineOf(r))}</Text>,
  },
  {
    key: 'people',
    title: '反映人 / 处理',
    width: '6.5em',
    sortValue: (r) => r.assignee?.name ?? null,
    render: (r) => <Text>{r.assignee ? `${r.reporterName} / ${r.assignee.name}` : r.reporterName}</Text>,
  },
];

export const canAccept = (r: FeedbackReport) => r.allowedActions.includes('accept');
