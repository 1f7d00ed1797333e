import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '@/services/api';

export interface AsyncState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Runs `load` when `key` changes (skipped while `key` is null) and keeps the last result. */
export function useAsync<T>(key: string | null, load: () => Promise<T>): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(key !== null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (key === null) return;
    const run = ++latest.current;
    setLoading(true);
    setError(undefined);
    try {
      const value = await loadRef.current();
      if (run === latest.current) setData(value);
    } catch (e) {
      if (run === latest.current) setError(toApiError(e));
    } finally {
      if (run === latest.current) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    setData(undefined);
    void reload();
  }, [reload]);

  return { data, error, loading, reload };
}
