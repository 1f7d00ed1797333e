import { AsyncLocalStorage } from 'node:async_hooks';

/** Counts DynamoDB round trips per request, so benchmarks can print them (see `x-linli-dynamodb-calls`). */
const current = new AsyncLocalStorage<{ calls: number }>();

export function countRoundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const counter = { calls: 0 };
  return current.run(counter, async () => ({ result: await fn(), calls: counter.calls }));
}

export function recordRoundTrip(): void {
  const counter = current.getStore();
  if (counter) counter.calls++;
}
