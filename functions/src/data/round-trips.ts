import { AsyncLocalStorage } from 'node:async_hooks';

/** Counts DynamoDB round trips per request, so benchmarks can print them (see `x-linli-dynamodb-calls`). */
const current = new AsyncLocalStorage<{ calls: number; transactions: number; commands: string[]; faults: string[] }>();

export function countRoundTrips<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; calls: number; transactions: number; commands: string[]; faults: string[] }> {
  const counter = { calls: 0, transactions: 0, commands: [] as string[], faults: [] as string[] };
  return current.run(counter, async () => ({
    result: await fn(),
    calls: counter.calls,
    transactions: counter.transactions,
    commands: counter.commands,
    faults: counter.faults,
  }));
}

/**
 * A fault the local fault layer (faults.ts) injected into this request's DynamoDB calls, as
 * `conflict:TransactWriteItems` (`x-linli-dynamodb-faults`): what the load test's faulted run shows it survived.
 */
export function recordFault(kind: string, command?: string): void {
  current.getStore()?.faults.push(`${kind}:${(command ?? 'unknown').replace(/Command$/, '')}`);
}

/** One request to DynamoDB; `TransactWriteItems` ones are counted apart too (`x-linli-dynamodb-transactions`). */
export function recordRoundTrip(command?: string): void {
  const counter = current.getStore();
  if (!counter) return;
  counter.calls++;
  counter.commands.push((command ?? 'unknown').replace(/Command$/, ''));
  if (command === 'TransactWriteItemsCommand') counter.transactions++;
}

/** Longest `x-linli-dynamodb-commands` header: well under the 16 KB of headers Node's HTTP client accepts. */
export const COMMANDS_HEADER_MAX = 2000;

/**
 * The calls in order for a response header (ASCII, as headers must be), repeats folded
 * (`Query,BatchWriteItem*25,GetItem`) and, past `max` characters, the tail cut with how many calls it held
 * (`...+312`), so a sweep of thousands of calls still answers.
 */
export function describeCommands(commands: readonly string[], max = COMMANDS_HEADER_MAX): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; i < commands.length; ) {
    let count = 1;
    while (commands[i + count] === commands[i]) count++;
    const part = count > 1 ? `${commands[i]}*${count}` : `${commands[i]}`;
    const tail = i + count < commands.length ? 16 : 0; // room for ",...+N" while more follow
    if (length + part.length + 1 + tail > max) return [...parts, `...+${commands.length - i}`].join(',');
    parts.push(part);
    length += part.length + 1;
    i += count;
  }
  return parts.join(',');
}
