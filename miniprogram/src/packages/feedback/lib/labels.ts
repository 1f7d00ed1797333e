import type { FeedbackEvent, FeedbackReport } from '@linli/shared';
import { ACTOR_ROLE_LABELS } from '@linli/shared/rules';

/** Who a report was sent to, in words. */
export const ASSIGNEE_KIND_LABELS: Record<NonNullable<FeedbackReport['assignee']>['kind'], string> = {
  grid_worker: '网格员',
  property: '物业',
  unit: '单位',
  committee: '社区党委',
  street: '街道',
};

/** `张丽（网格员）`; the sweep is `系统`. */
export function actorLabel(actor: FeedbackEvent['actor']): string {
  if (actor.role === 'system') return '系统';
  return actor.role ? `${actor.name}（${ACTOR_ROLE_LABELS[actor.role]}）` : actor.name;
}
