/**
 * A points transaction: items that each say what their failed condition
 * means for the person (INSUFFICIENT_POINTS, OUT_OF_STOCK, …), run at once;
 * a repeated idempotency key replays the first result instead.
 */
import { ConflictError } from '@linli/shared';
import type { TableRef } from '../client.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from '../idempotency.js';
import { type TransactItem, TransactionRefused, writeTransaction } from '../transactions.js';

/** A condition that failed, named for the person: which reward, which station; or a replayed request. */
export type Refusal = (() => Error) | 'replay';

export interface RefusableItem {
  item: TransactItem;
  refusal?: Refusal;
}

/** The account moved between its read and the write: read it again and retry. */
export const balanceMoved = () => new ConflictError('BALANCE_MOVED', '积分刚有变动，请重试');
/** Other transactions kept holding the same items: try again a moment later. */
export const contended = () => new ConflictError('TRANSACTION_CONFLICT', '同时办理的人较多，请稍后重试');

/** Items that commit with a change and never refuse it (messages, photo checks): appended last, unnamed. */
export const extraItems = (extra: readonly TransactItem[] | undefined): RefusableItem[] =>
  (extra ?? []).map((item) => ({ item }));

export function pointsTransactions(table: TableRef) {
  async function run<T>(
    items: readonly RefusableItem[],
    idem: Idempotency | undefined,
  ): Promise<{ replayed: T } | null> {
    try {
      await writeTransaction(
        table,
        items.map((i) => i.item),
      );
      return null;
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      const failed = items.findIndex((_, i) => error.failed(i));
      const refusal = failed >= 0 ? items[failed]?.refusal : undefined;
      if (refusal === 'replay' && idem) return { replayed: await replayIdempotent<T>(table, idem) };
      if (typeof refusal === 'function') throw refusal();
      // Still colliding with other transactions after the retries: the use case may read again and retry.
      if (failed < 0 && error.reasons.includes('TransactionConflict')) throw contended();
      throw error;
    }
  }

  /** The idempotency record, kept forever for points: a retry a year later still changes nothing. */
  const idemItem = (idem: Idempotency, response: unknown, now: Date): RefusableItem => ({
    item: idempotencyPut(table, idem, response, now, true),
    refusal: 'replay',
  });

  return { run, idemItem };
}
