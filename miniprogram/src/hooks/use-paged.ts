import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, type Page, toApiError } from '@/services/api';

export interface PagedState<T> {
  items: T[];
  /** More to load when not null. */
  cursor: string | null;
  loading: boolean;
  error: ApiError | undefined;
  /** Loads the next page. */
  more: () => Promise<void>;
  /** Starts again from the first page. */
  reload: () => Promise<void>;
  /** Puts a changed item in place (matched by `same`). */
  replace: (item: T, same: (a: T, b: T) => boolean) => void;
  /** Takes the items that are done with (decided, handed over) out of the list. */
  remove: (gone: (item: T) => boolean) => void;
}

/**
 * A list read a page at a time; `key` changing (filters, community) starts it
 * again, null waits. With `reloadOnShow`, coming back to the page (from a
 * report that changed) reads it again from the top.
 */
export function usePaged<T>(
  key: string | null,
  load: (cursor: string | null) => Promise<Page<T>>,
  { reloadOnShow = false }: { reloadOnShow?: boolean } = {},
): PagedState<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const [error, setError] = useState<ApiError>();
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);
  const inFlight = useRef(false);

  const fetchPage = useCallback(
    async (from: string | null) => {
      if (key === null) return;
      const run = ++latest.current;
      inFlight.current = true;
      setLoading(true);
      setError(undefined);
      try {
        const page = await loadRef.current(from);
        if (run !== latest.current) return;
        setItems((prev) => (from ? [...prev, ...page.items] : page.items));
        setCursor(page.cursor);
      } catch (e) {
        if (run === latest.current) setError(toApiError(e));
      } finally {
        if (run === latest.current) {
          inFlight.current = false;
          setLoading(false);
        }
      }
    },
    [key],
  );

  useEffect(() => {
    setItems([]);
    setCursor(null);
    void fetchPage(null);
  }, [fetchPage]);

  // The first show comes with the first load (or before this component mounted): only a return reloads.
  useDidShow(() => {
    if (reloadOnShow && key !== null && !inFlight.current && latest.current > 0) void fetchPage(null);
  });

  return {
    items,
    cursor,
    loading,
    error,
    more: () => fetchPage(cursor),
    reload: () => fetchPage(null),
    replace: (item, same) => setItems((prev) => prev.map((old) => (same(old, item) ? item : old))),
    remove: (gone) => setItems((prev) => prev.filter((item) => !gone(item))),
  };
}
