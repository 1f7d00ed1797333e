/**
 * How many of the person's messages (消息) are unread, shared by the 我的 tab
 * (its badge and its 消息 entry) and the message page. Any change of the
 * count is shown on the tab bar at once; a new person starts from nothing.
 */
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useSyncExternalStore } from 'react';
import { useSession } from '@/hooks/use-session';
import { api, getSession, onSessionChange } from '@/services/api';

/** 我的 in app.config.ts `tabBar.list` (首页 carries the bulletins' badge at 0). */
export const MINE_TAB_INDEX = 3;

let unread: number | undefined;
let inFlight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `3`, or `99+` above 99: what fits a badge (Taro's H5 tab bar shows `...` past 4 characters). */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/**
 * The tab bar only exists on tab pages: WeChat refuses the call elsewhere
 * ("not TabBar page"), and the next tab page to show sets it again.
 */
function showOnTabBar(count: number | undefined): void {
  try {
    const done =
      count && count > 0
        ? Taro.setTabBarBadge({ index: MINE_TAB_INDEX, text: badgeText(count) })
        : Taro.removeTabBarBadge({ index: MINE_TAB_INDEX });
    void Promise.resolve(done).catch(() => undefined);
  } catch {
    // The badge is a hint; the 消息 entry and page say the same.
  }
}

/** Sets the count (from a list page or a mark-read answer) and shows it on the tab bar. */
export function setUnreadMessages(count: number | undefined): void {
  unread = count;
  for (const listener of listeners) listener();
  showOnTabBar(count);
}

/** Reads the count again from the server (one message's worth of the list). Never throws. */
export function refreshUnreadMessages(): Promise<void> {
  const session = getSession();
  if (!session) {
    setUnreadMessages(undefined);
    return Promise.resolve();
  }
  if (inFlight) return inFlight;
  inFlight = api
    .messages(null, 1)
    .then((page) => {
      // Someone else signed in meanwhile: their count comes with their own read.
      if (getSession()?.token === session.token) setUnreadMessages(page.unread);
    })
    .catch(() => {
      // Offline or signed out: keep what is shown; the next show tries again.
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

// A new person must never see the previous one's count.
onSessionChange(() => {
  inFlight = null;
  setUnreadMessages(undefined);
});

/** The unread count as last read (undefined before the first read, or signed out). */
export function useUnreadMessages(): number | undefined {
  return useSyncExternalStore(
    subscribe,
    () => unread,
    () => unread,
  );
}

/**
 * For tab pages: reads the count whenever the page shows (and on sign-in),
 * which also puts it on the 我的 tab's badge; answers the count.
 */
export function useMessageBadge(): number | undefined {
  const session = useSession();
  const token = session?.token;
  useDidShow(() => void refreshUnreadMessages());
  useEffect(() => {
    if (token) void refreshUnreadMessages();
    else setUnreadMessages(undefined);
  }, [token]);
  return useUnreadMessages();
}
