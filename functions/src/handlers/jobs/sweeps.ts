import type { SweepBudget } from '../../domain/sweep-budget.js';
import { logger } from '../../http/route-handler.js';
import { countMetric, SWEEP_FAILURES } from '../../metrics.js';
import { inSubsegment } from '../../tracer.js';

/**
 * A scheduled sweep: finds due work by key query (never Scan) and is safe to
 * run twice, so stopping anywhere and starting again on the next tick loses
 * and repeats nothing: what it finished is no longer due.
 */
export interface Sweep {
  readonly name: string;
  run(now: Date, budget: SweepBudget): Promise<{ changed: number; more?: boolean }>;
}

export interface SweepResult {
  name: string;
  changed?: number;
  /** Work was left for the next tick. */
  more?: boolean;
  failed?: boolean;
}

/** What a tick may use unless told: the schedule's Lambda has 60 s and keeps a margin. */
export const TICK_BUDGET_MS = 45_000;

/**
 * Runs every sweep within `budgetMs`. Each sweep in turn gets a fair share of
 * what is left, so one sweep's backlog never starves the ones after it; time
 * a sweep does not use goes to the rest, and sweeps that stopped with work
 * left get further turns while time remains. One failing sweep is logged and
 * counted (an alarm watches it) and does not stop the others.
 */
export async function runSweeps(
  sweeps: readonly Sweep[],
  now: Date,
  { budgetMs = TICK_BUDGET_MS, clock = Date.now }: { budgetMs?: number; clock?: () => number } = {},
): Promise<SweepResult[]> {
  const deadline = clock() + budgetMs;
  const results = new Map<string, SweepResult>(sweeps.map((s) => [s.name, { name: s.name }]));
  let turn = [...sweeps];
  while (turn.length && clock() < deadline) {
    const again: Sweep[] = [];
    for (const [i, sweep] of turn.entries()) {
      const share = (deadline - clock()) / (turn.length - i);
      const until = clock() + share;
      const result = results.get(sweep.name) as SweepResult;
      try {
        const budget = { spent: () => clock() >= until, remainingMs: () => Math.max(0, until - clock()) };
        const { changed, more } = await inSubsegment(`### ${sweep.name}`, () => sweep.run(now, budget), {
          sweep: sweep.name,
        });
        result.changed = (result.changed ?? 0) + changed;
        result.more = more ? true : undefined;
        if (more) again.push(sweep);
      } catch (error) {
        logger.error('Sweep failed', { sweep: sweep.name, error: error as Error });
        countMetric(SWEEP_FAILURES, { sweep: sweep.name });
        result.failed = true;
        result.more = undefined;
      }
    }
    turn = again;
  }
  const list = [...results.values()].map((r) =>
    Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
  ) as SweepResult[];
  logger.info('sweeps', { results: list });
  return list;
}
