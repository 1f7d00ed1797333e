/**
 * How much of a scheduled tick a sweep may still use (the scheduler is
 * `handlers/jobs/sweeps.ts`). A sweep checks it between units of work, stops
 * when it is spent and says `more`; the next tick finds the rest still due.
 */
export interface SweepBudget {
  /** True once this sweep's share of the tick is used up. */
  spent(): boolean;
  /** What is left of the share, for work that takes a time limit of its own. */
  remainingMs(): number;
}
