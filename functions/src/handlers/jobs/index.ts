import type { ScheduledEvent } from 'aws-lambda';
import { runSweeps, type Sweep } from './sweeps.js';

/** The sweeps the schedule runs every few minutes (EventBridge; a timer under `npm start`). */
export const sweeps: Sweep[] = [];

export const handler = async (event: Pick<ScheduledEvent, 'time'>) => runSweeps(sweeps, new Date(event.time));
