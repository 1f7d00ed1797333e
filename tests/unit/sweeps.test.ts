import { describe, expect, it } from 'vitest';
import { localEnv } from './local-env.js';

localEnv();
const { runSweeps } = await import('../../functions/src/handlers/jobs/sweeps.js');

describe('the scheduled sweeps', () => {
  it('runs every sweep with the schedule’s time, and one failure does not stop the rest', async () => {
    const seen: string[] = [];
    const now = new Date('2026-03-06T00:00:00+08:00');
    const results = await runSweeps(
      [
        {
          name: 'first',
          run: async (t) => {
            seen.push(`first@${t.toISOString()}`);
            return { changed: 2 };
          },
        },
        {
          name: 'broken',
          run: async () => {
            throw new Error('boom');
          },
        },
        {
          name: 'last',
          run: async () => {
            seen.push('last');
            return { changed: 0 };
          },
        },
      ],
      now,
    );
    expect(seen).toEqual(['first@2026-03-05T16:00:00.000Z', 'last']);
    expect(results).toEqual([
      { name: 'first', changed: 2 },
      { name: 'broken', failed: true },
      { name: 'last', changed: 0 },
    ]);
  });

  it('gives each sweep a fair share of the tick, so a backlog never starves the sweeps after it', async () => {
    // A clock the sweeps move as they work: each item takes 100 ms.
    let ms = 0;
    const clock = () => ms;
    const backlog = { left: 1_000 };
    const done: string[] = [];
    const heavy = {
      name: 'heavy',
      run: async (_now: Date, budget: { spent(): boolean }) => {
        let changed = 0;
        while (backlog.left > 0 && !budget.spent()) {
          ms += 100;
          backlog.left--;
          changed++;
        }
        return { changed, more: backlog.left > 0 };
      },
    };
    const light = (name: string) => ({
      name,
      run: async () => {
        ms += 100;
        done.push(name);
        return { changed: 1 };
      },
    });

    const results = await runSweeps([heavy, light('publish'), light('expiry')], new Date(), {
      budgetMs: 30_000,
      clock,
    });

    expect(done).toEqual(['publish', 'expiry']);
    // Its first share was a third of the tick; what the light ones left it used on a second turn.
    expect(results[0]).toEqual({ name: 'heavy', changed: 298, more: true });
    expect(ms).toBeLessThanOrEqual(30_000 + 100);
    expect(results.slice(1)).toEqual([
      { name: 'publish', changed: 1 },
      { name: 'expiry', changed: 1 },
    ]);

    // The next tick carries on where this one stopped.
    ms = 0;
    const next = await runSweeps([heavy], new Date(), { budgetMs: 30_000, clock });
    expect(next[0]?.changed).toBe(300);
    expect(backlog.left).toBe(1_000 - 598);
  });

  it('stops giving turns when the tick is used up, and reports a sweep done when it says so', async () => {
    let ms = 0;
    let calls = 0;
    const results = await runSweeps(
      [
        {
          name: 'done-in-two',
          run: async () => {
            calls++;
            ms += 1_000;
            return { changed: 1, more: calls < 2 };
          },
        },
      ],
      new Date(),
      { budgetMs: 10_000, clock: () => ms },
    );
    expect(calls).toBe(2);
    expect(results).toEqual([{ name: 'done-in-two', changed: 2 }]);
  });
});
