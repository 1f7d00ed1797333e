import { AsyncLocalStorage } from 'node:async_hooks';

/** Counts DynamoDB round trips per request, so benchmarks can print them (see `x-linli-dynamodb-calls`). */
const current = new AsyncLocalStorage<{ calls: number; transactions: number; commands: string[] }>();

export function countRoundTrips<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; calls: number; transactions: number; commands: string[] }> {
  const counter = { calls: 0, transactions: 0, commands: [] as string[] };
  return current.run(counter, async () => ({
    result: await fn(),
    calls: counter.calls,
    transactions: counter.transactions,
    commands: counter.commands,
  }));
}

/** One request to DynamoDB; `TransactWriteItems` ones are counted apart too (`x-linli-dynamodb-transactions`). */
export function recordRoundTrip(command?: string): void {
  const counter = current.getStore();
  if (!counter) return;
  counter.calls++;
  counter.commands.push((command ?? 'unknown').replace(/Command$/, ''));
  if (command === 'TransactWriteItemsCommand') counter.transactions++;
}
