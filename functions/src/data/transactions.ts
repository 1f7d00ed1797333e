import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { BusyError } from '@linli/shared';
import { countMetric, DYNAMODB_CONFLICTS } from '../metrics.js';
import type { TableRef } from './client.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction refused by a condition; `reasons[i]` belongs to the i-th item. */
export class TransactionRefused extends Error {
  constructor(readonly reasons: readonly (string | undefined)[]) {
    super(`Transaction refused: ${reasons.join(',')}`);
  }
  failed(index: number): boolean {
    return this.reasons[index] === 'ConditionalCheckFailed';
  }
}

const MAX_ATTEMPTS = 6;

/**
 * Writes items atomically. A `TransactionConflict` (another transaction on the
 * same items) is retried with jittered backoff; a failed condition is thrown
 * as `TransactionRefused` for the repository to name.
 */
export async function writeTransaction(table: TableRef, items: TransactItem[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await table.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((r) => (r.Code === 'None' ? undefined : r.Code));
      const conflict = reasons.some((r) => r === 'TransactionConflict');
      if (conflict && !reasons.includes('ConditionalCheckFailed')) {
        countMetric(DYNAMODB_CONFLICTS);
        // Still contended after every try: nothing was written; the caller may retry with the same key.
        if (attempt >= MAX_ATTEMPTS) throw new BusyError();
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
        continue;
      }
      throw new TransactionRefused(reasons);
    }
  }
}
