import { useRef, useState } from 'react';
import { fieldErrors } from '@/lib/field-errors';
import { type ApiError, newIdempotencyKey, toApiError } from '@/services/api';

/**
 * One `Idempotency-Key` per intent: the same answers (a double tap, a retry
 * after a network error) reuse the key, changed answers get a new one, and a
 * success makes the next intent a new one.
 */
function useIntentKey() {
  const intent = useRef<{ answers: string; key: string }>();
  return {
    keyFor: (answers: unknown) => {
      const serialized = JSON.stringify(answers) ?? '';
      if (intent.current?.answers !== serialized) intent.current = { answers: serialized, key: newIdempotencyKey() };
      return intent.current.key;
    },
    settle: () => {
      intent.current = undefined;
    },
  };
}

export interface Write<B, R> {
  /** Sends `body` under its intent's key; resolves to the answer, or undefined after an error (kept in `error`). */
  run: (body: B) => Promise<R | undefined>;
  busy: boolean;
  /** The body of the latest run: which row's button spins while busy, which form the error is about after. */
  last: B | undefined;
  error: ApiError | undefined;
  /** The last error sorted under the form's fields; what no field claims is `general`. */
  errorsFor: <F extends string>(fields: readonly F[]) => Partial<Record<F | 'general', string>>;
  /** The last successful answer, until `reset()`. */
  result: R | undefined;
  reset: () => void;
}

export interface WriteOptions<B> {
  /** Told of a refusal as it happens (to reveal the first marked field, say). */
  onError?: (error: ApiError, body: B) => void;
  /** What of the body makes the intent (default: all of it); the same intent keeps its key. */
  intentOf?: (body: B) => unknown;
}

/**
 * Every write a person makes (a form's submit, a button on a row): busy while it runs (a tap
 * while busy does nothing), its error or its answer after, one `Idempotency-Key` per intent.
 * Whatever must happen before the busy state ends (a redirect after success) belongs in `send`.
 */
export function useWrite<B, R>(
  send: (body: B, idempotencyKey: string) => Promise<R>,
  { onError, intentOf = (body) => body }: WriteOptions<B> = {},
): Write<B, R> {
  const intent = useIntentKey();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<B>();
  const [error, setError] = useState<ApiError>();
  const [result, setResult] = useState<R>();

  const run = async (body: B) => {
    // Two taps before the page re-renders both go out, under one key: the server makes them one.
    if (busy) return undefined;
    setBusy(true);
    setLast(body);
    setError(undefined);
    try {
      const answer = await send(body, intent.keyFor(intentOf(body)));
      intent.settle();
      setResult(answer);
      return answer;
    } catch (e) {
      const refused = toApiError(e);
      setError(refused);
      onError?.(refused, body);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return {
    run,
    busy,
    last,
    error,
    errorsFor: (fields) => fieldErrors(error, fields),
    result,
    reset: () => {
      setResult(undefined);
      setError(undefined);
    },
  };
}

export interface BulkFailure<T> {
  item: T;
  error: ApiError;
}

export interface BulkWrite<T> {
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
export function useBulkWrite<T>(
  idOf: (item: T) => string,
  send: (item: T, idempotencyKey: string) => Promise<unknown>,
): BulkWrite<T> {
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
