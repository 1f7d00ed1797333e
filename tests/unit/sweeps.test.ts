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
});
