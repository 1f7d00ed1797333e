import type { DeadlineKind } from '@linli/shared';
import { isPast } from '@linli/shared/rules';
import { Text, View } from '@tarojs/components';
import { formatDeadline, formatRemaining } from '@/lib/format';
import './index.scss';

/** What a deadline row is called, by the promise it keeps. */
export const DEADLINE_ROW_LABELS: Record<DeadlineKind, string> = {
  accept: '受理时限',
  on_site: '到场时限',
  plan: '给出方案时限',
  resolve: '办结时限',
};

interface DeadlineProps {
  at: string;
  /** Still to meet: show how long is left (or how long it is overdue). */
  pending: boolean;
  now: Date;
}

/**
 * A deadline as `12月3日 24:00 前`, and while pending `还剩 3 小时` or `已超时 2 小时`.
 * Each piece keeps its numbers on one line, so a large font never breaks `24:00` in two.
 */
export function Deadline({ at, pending, now }: DeadlineProps) {
  const over = pending && isPast(at, now);
  return (
    <View className="deadline" data-deadline={at}>
      <Text className="deadline__at">{`${formatDeadline(at, { now })} 前`}</Text>
      {pending && (
        <Text className={`deadline__left${over ? ' deadline__left--over' : ''}`}>{formatRemaining(at, now)}</Text>
      )}
    </View>
  );
}
