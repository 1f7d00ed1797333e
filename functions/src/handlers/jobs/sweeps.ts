import { logger } from '../../http/route-handler.js';
import { countMetric, SWEEP_FAILURES } from '../../metrics.js';

/**
 * A scheduled sweep: finds due work by key query (never Scan) and is safe to
 * run twice. The feedback SLA sweep, the exchange-day close and the bulletin
 * publisher register here as their issues land.
 */
export interface Sweep {
  readonly name: string;
  run(now: Date): Promise<{ changed: number }>;
}

/** Runs every sweep; one failing sweep is logged and counted (an alarm watches it) and does not stop the others. */
export async function runSweeps(sweeps: readonly Sweep[], now: Date) {
  const results: { name: string; changed?: number; failed?: boolean }[] = [];
  for (const sweep of sweeps) {
    try {
      const { changed } = await sweep.run(now);
      results.push({ name: sweep.name, changed });
    } catch (error) {
      logger.error('Sweep failed', { sweep: sweep.name, error: error as Error });
      countMetric(SWEEP_FAILURES, { sweep: sweep.name });
      results.push({ name: sweep.name, failed: true });
    }
  }
  logger.info('sweeps', { results });
  return results;
}
