import type { Context, ScheduledEvent } from 'aws-lambda';
import { bulletinPublishSweep } from '../../domain/bulletins/write.js';
import { feedbackConfirmSweep } from '../../domain/feedback/confirm-sweep.js';
import { feedbackContactSweep } from '../../domain/feedback/contact-sweep.js';
import { feedbackSlaSweep } from '../../domain/feedback/sweep.js';
import { outboxSweep } from '../../domain/messages/outbox.js';
import { pointsExpirySweep } from '../../domain/points/expiry.js';
import { exchangeCloseSweep, pickupReminderSweep } from '../../domain/points/redeem.js';
import { tracedInvocation } from '../../tracer.js';
import { deps } from './deps.js';
import { runSweeps, type Sweep, TICK_BUDGET_MS } from './sweeps.js';

/** The sweeps the schedule runs every few minutes (EventBridge; a timer under `npm start`). */
export const sweeps: Sweep[] = [
  feedbackSlaSweep(deps),
  feedbackConfirmSweep(deps),
  feedbackContactSweep(deps),
  exchangeCloseSweep(deps),
  pickupReminderSweep(deps),
  bulletinPublishSweep(deps),
  pointsExpirySweep(deps),
  outboxSweep(deps),
];

/** A tick uses what the invocation has left, less a margin for the last write and the log line. */
export const handler = tracedInvocation(
  'sweeps',
  async (event: Pick<ScheduledEvent, 'time'>, context?: Pick<Context, 'getRemainingTimeInMillis'>) =>
    runSweeps(sweeps, new Date(event.time), {
      budgetMs: Math.min(TICK_BUDGET_MS, (context?.getRemainingTimeInMillis() ?? 60_000) - 10_000),
    }),
);
