import type { ScheduledEvent } from 'aws-lambda';
import { bulletinPublishSweep } from '../../domain/bulletins/write.js';
import { feedbackSlaSweep } from '../../domain/feedback/sweep.js';
import { outboxSweep } from '../../domain/messages/outbox.js';
import { pointsExpirySweep } from '../../domain/points/expiry.js';
import { exchangeCloseSweep, pickupReminderSweep } from '../../domain/points/redeem.js';
import { deps } from './deps.js';
import { runSweeps, type Sweep } from './sweeps.js';

/** The sweeps the schedule runs every few minutes (EventBridge; a timer under `npm start`). */
export const sweeps: Sweep[] = [
  feedbackSlaSweep(deps),
  exchangeCloseSweep(deps),
  pickupReminderSweep(deps),
  bulletinPublishSweep(deps),
  pointsExpirySweep(deps),
  outboxSweep(deps),
];

export const handler = async (event: Pick<ScheduledEvent, 'time'>) => runSweeps(sweeps, new Date(event.time));
