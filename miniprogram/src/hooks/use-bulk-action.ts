import { useRef, useState } from 'react';
import { type ApiError, newIdempotencyKey, toApiError } from '@/services/api';

export interface BulkFailure<T> {
  item: T;
  error: ApiError;
}

export interface BulkAction<T> {
  /** Sends one request per item, one after another; resolves to what went through and what did not. */
  run: (items: readonly T[]) => Promise<{ succeeded: T[]; failed: BulkFailure<T>[] }>;
  /** While running: how far it got. */
  progress: { done: number; total: number } | undefined;
  /** The items of the last run that did not go through, with the server's reason. */
  failures: BulkFailure<T>[];
  clearFailures: () => void;
}

/**
 * One action on several items (受理 three reports, 通过 five homes): each item is its own request with
 * its own `Idempotency-Key`, kept for that item until it went through, so running the failed ones
 * again is a retry of the same intent, never a second effect.
 */
export function useBulkAction<T>(
  idOf: (item: T) => string,
  send: (item: T, idempotencyKey: string) => Promise<unknown>,
): BulkAction<T> {
  const keys = useRef(new Map<string, string>());
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [failures, setFailures] = useState<BulkFailure<T>[]>([]);

  async function run(items: readonly T[]) {
    const succeeded: T[] = [];
    const failed: BulkFailure<T>[] = [];
    setFailures([]);
    setProgress({ done: 0, total: items.length });
    for (const [index, item] of items.entries()) {
      const id = idOf(item);
      const key = keys.current.get(id) ?? newIdempotencyKey();
      keys.current.set(id, key);
      try {
        await send(item, key);
        keys.current.delete(id);
        succeeded.push(item);
      } catch (e) {
        failed.push({ item, error: toApiError(e) });
      }
      setProgress({ done: index + 1, total: items.length });
    }
    setProgress(undefined);
    setFailures(failed);
    return { succeeded, failed };
  }

  return { run, progress, failures, clearFailures: () => setFailures([]) };
}
