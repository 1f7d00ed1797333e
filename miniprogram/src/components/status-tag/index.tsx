import type { FeedbackStatus } from '@linli/shared';
import { FEEDBACK_STATUS_LABELS } from '@linli/shared/rules';
import { Text, View } from '@tarojs/components';
import './index.scss';

/** Colour families of the statuses: waiting for staff, being worked on, waiting for the resident, finished. */
const TONE: Record<FeedbackStatus, string> = {
  submitted: 'waiting',
  accepted: 'working',
  dispatched: 'working',
  in_progress: 'working',
  resolved: 'confirm',
  closed: 'done',
  rejected: 'ended',
  withdrawn: 'ended',
};

/** A report's status in words (never colour alone), with the overdue mark when a deadline has passed. */
export function StatusTag({ status, overdue = false }: { status: FeedbackStatus; overdue?: boolean }) {
  return (
    <View className="status-tags">
      <Text className={`status-tag status-tag--${TONE[status]}`}>{FEEDBACK_STATUS_LABELS[status]}</Text>
      {overdue && <Text className="status-tag status-tag--overdue">已超时</Text>}
    </View>
  );
}
