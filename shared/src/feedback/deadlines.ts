import type { SlaPolicy } from '../schemas/community.js';
import { endOfShanghaiDayAfter } from '../time.js';
import type { RepairSize, Urgency } from './categories.js';

export interface Deadlines {
  /** Urgent: be on site by then; complex: have a plan by then; routine: none. */
  respondBy: string | null;
  respondKind: 'on_site' | 'plan' | null;
  /** Fixed (resolved) by then. */
  resolveBy: string;
}

const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

/**
 * The "1715" promise as deadlines, from the moment a report is accepted:
 * urgent → on site in 10 minutes; routine → fixed in 1 hour; complex → a plan
 * in 1 day; repairs → the end of the Shanghai day 1, 7 or 15 days later.
 */
export function deadlinesFor(acceptedAt: Date, urgency: Urgency, repair: RepairSize | null, sla: SlaPolicy): Deadlines {
  const repairBy = (size: RepairSize) => endOfShanghaiDayAfter(acceptedAt, sla.repairDays[size]).toISOString();
  switch (urgency) {
    case 'urgent':
      return {
        respondBy: plus(acceptedAt, sla.urgentOnSiteMinutes),
        respondKind: 'on_site',
        resolveBy: repair ? repairBy(repair) : plus(acceptedAt, sla.routineFixMinutes),
      };
    case 'routine':
      return {
        respondBy: null,
        respondKind: null,
        resolveBy: repair ? repairBy(repair) : plus(acceptedAt, sla.routineFixMinutes),
      };
    case 'complex':
      return {
        respondBy: plus(acceptedAt, sla.complexPlanMinutes),
        respondKind: 'plan',
        resolveBy: repairBy(repair ?? 'major'),
      };
  }
}
