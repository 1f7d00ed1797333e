/**
 * DynamoDB's faults, on demand, where DynamoDB Local never produces them:
 * transaction conflicts, throttles, and a timeout after a write was applied
 * (the write happened; the answer is lost). Switched on by `LINLI_FAULTS`
 * (`conflict=0.1,throttle=0.05,provisioned=0.02,timeout=0.02`) on the local
 * stage only; config refuses it anywhere else.
 *
 * The faults sit below the SDK's own retries, as DynamoDB's do: a throttle
 * is retried by the SDK before the code sees it, a conflict is not.
 */
import {
  ProvisionedThroughputExceededException,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { recordFault } from './round-trips.js';

export const FAULT_KINDS = ['conflict', 'throttle', 'provisioned', 'timeout'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultRates = Partial<Record<FaultKind, number>>;

/** `conflict=0.1,throttle=0.05` → rates; anything else is a configuration error, said at cold start. */
export function parseFaults(spec: string | undefined): FaultRates {
  if (!spec?.trim()) return {};
  const rates: FaultRates = {};
  for (const part of spec.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    const rate = Number(value);
    if (!FAULT_KINDS.includes(name as FaultKind) || !Number.isFinite(rate) || rate < 0 || rate > 1)
      throw new Error(`LINLI_FAULTS: '${part}' is not one of ${FAULT_KINDS.join(', ')} with a rate from 0 to 1`);
    rates[name as FaultKind] = rate;
  }
  return rates;
}

const meta = { httpStatusCode: 400, requestId: 'linli-fault', attempts: 1, totalRetryDelay: 0 };

/** The error DynamoDB answers for a fault, shaped as the SDK would deserialize it. */
export function faultError(kind: Exclude<FaultKind, 'timeout'>, items = 1): Error {
  if (kind === 'conflict')
    return new TransactionCanceledException({
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
      $metadata: meta,
      // DynamoDB names the item that conflicted and says None for the rest.
      CancellationReasons: Array.from({ length: items }, (_, i) =>
        i === 0 ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
      ),
    });
  if (kind === 'provisioned')
    return new ProvisionedThroughputExceededException({
      message: 'The level of configured provisioned throughput for the table was exceeded.',
      $metadata: meta,
    });
  // The SDK has no class for it; its name and metadata are what the retry strategy reads.
  return Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: meta,
  });
}

/** A lost answer after the write was applied: what a socket timeout looks like to the SDK. */
function lostAnswer(): Error {
  return Object.assign(new Error('Connection timed out after the request was sent'), {
    name: 'TimeoutError',
    $metadata: { attempts: 1, totalRetryDelay: 0 },
  });
}

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

/**
 * The middleware that injects faults at `rates` (`random` is injectable for
 * tests). Added in the finalizeRequest step at normal priority, it runs inside
 * the SDK's retry middleware, so the SDK retries throttles and timeouts as it
 * would DynamoDB's.
 */
export function faultMiddleware(
  rates: FaultRates,
  random: () => number = Math.random,
): FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> {
  return (next, context) => async (args) => {
    const command = (context as { commandName?: string }).commandName ?? '';
    const roll = (kind: FaultKind) => {
      const hit = (rates[kind] ?? 0) > 0 && random() < (rates[kind] ?? 0);
      if (hit) recordFault(kind, command);
      return hit;
    };
    if (roll('throttle')) throw faultError('throttle');
    if (roll('provisioned')) throw faultError('provisioned');
    if (command === 'TransactWriteItemsCommand' && roll('conflict')) {
      const items = (args.input as { TransactItems?: unknown[] }).TransactItems?.length ?? 1;
      throw faultError('conflict', items);
    }
    const result = await next(args);
    if (WRITES.has(command) && roll('timeout')) throw lostAnswer();
    return result;
  };
}
