import { useCallback, useRef, useState } from 'react';
import { type ApiError, newIdempotencyKey, toApiError } from '@/services/api';

/**
 * One `Idempotency-Key` per intent: the same answers (a double tap, a retry
 * after a network error) reuse the key, changed answers get a new one, and
 * `settle()` after success makes the next intent a new one.
 */
export function useIntentKey(): { keyFor: (answers: unknown) => string; settle: () => void } {
  const intent = useRef<{ answers: string; key: string }>();
  const keyFor = useCallback((answers: unknown) => {
    const serialized = JSON.stringify(answers);
    if (intent.current?.answers !== serialized) intent.current = { answers: serialized, key: newIdempotencyKey() };
    return intent.current.key;
  }, []);
  const settle = useCallback(() => {
    intent.current = undefined;
  }, []);
  return { keyFor, settle };
}

export interface IntentAction<B, R> {
  /** Sends `body` under its intent's key; resolves to the answer, or undefined after an error (kept in `error`). */
  run: (body: B) => Promise<R | undefined>;
  busy: boolean;
  error: ApiError | undefined;
  /** The last successful answer, until `reset()`. */
  result: R | undefined;
  reset: () => void;
}

/** A form's one write: busy while it runs, its error or its answer after, one `Idempotency-Key` per intent. */
export function useIntentAction<B, R>(send: (body: B, key: string) => Promise<R>): IntentAction<B, R> {
  const intent = useIntentKey();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [result, setResult] = useState<R>();
  const run = async (body: B) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await send(body, intent.keyFor(body));
      intent.settle();
      setResult(answer);
      return answer;
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setResult(undefined);
    setError(undefined);
  };
  return { run, busy, error, result, reset };
}
