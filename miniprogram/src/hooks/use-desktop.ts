import { useSyncExternalStore } from 'react';

/** The desktop console starts here (H5 only); app.scss uses the same width in its media queries. */
export const DESKTOP_MIN_WIDTH = 1024;

const QUERY = `(min-width: ${DESKTOP_MIN_WIDTH}px)`;

function desktopQuery(): MediaQueryList | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.matchMedia) return undefined;
  return window.matchMedia(QUERY);
}

function subscribe(listener: () => void): () => void {
  const query = desktopQuery();
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}

const snapshot = () => desktopQuery()?.matches ?? false;

/**
 * True in a browser window at least 1024 px wide: side navigation, tables, search.
 * Always false in WeChat, so the mini-program renders exactly what it did.
 * What only desktop shows is rendered only then (not hidden with CSS), so a phone's page holds none of it.
 */
export function useDesktop(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
