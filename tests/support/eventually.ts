/**
 * The figures are read from roll-ups the stream consumer keeps after the
 * response (as in the cloud), so a test reads them until they show what it did.
 */
import { isDeepStrictEqual } from 'node:util';
import { vi } from 'vitest';

/** Retries an assertion until it holds, for up to 15 s: the last failure is the test's. */
export function eventually(assertion: () => Promise<void>): Promise<void> {
  return vi.waitFor(assertion, { timeout: 15_000, interval: 250 });
}

/** Reads until two reads a second apart agree (the consumer has caught up with what came before). */
export async function settled<T>(read: () => Promise<T>): Promise<T> {
  let last = await read();
  for (const until = Date.now() + 15_000; Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const next = await read();
    if (isDeepStrictEqual(next, last)) return next;
    last = next;
  }
  throw new Error('the figures kept changing for 15 s');
}
