/**
 * 大字: one switch on 我的 that makes text and tap targets larger, kept on this
 * phone (local storage), on top of the reader's own setting. In WeChat the
 * page's root font size follows the system font setting (`page-meta
 * root-font-size`), 大字 sets it to that size × 1.25; in a browser every
 * `sz()` size is multiplied by `--linli-scale` (styles/scale.scss).
 */
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

const KEY = 'linli.largeText';
/** How much larger 大字 makes text than the reader's own setting. */
export const LARGE_TEXT_SCALE = 1.25;

let large: boolean | undefined;
const listeners = new Set<() => void>();

export function isLargeText(): boolean {
  if (large === undefined) {
    try {
      large = Taro.getStorageSync(KEY) === true;
    } catch {
      large = false;
    }
    applyToDocument(large);
  }
  return large;
}

export function setLargeText(on: boolean): void {
  large = on;
  Taro.setStorageSync(KEY, on);
  applyToDocument(on);
  for (const listener of listeners) listener();
}

/** The browser build: one CSS variable on the root scales every `sz()` size at once. */
function applyToDocument(on: boolean): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  document.documentElement.style.setProperty('--linli-scale', on ? String(LARGE_TEXT_SCALE) : '1');
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether 大字 is on; every page (`Screen`) re-renders when it changes. */
export function useLargeText(): boolean {
  return useSyncExternalStore(subscribe, isLargeText, isLargeText);
}

/** WeChat's font setting in px (16 at 标准), which `page-meta root-font-size="system"` follows. */
function systemFontPx(): number {
  try {
    const base = Taro.getAppBaseInfo?.() as { fontSizeSetting?: number } | undefined;
    return base?.fontSizeSetting ?? Taro.getSystemInfoSync().fontSizeSetting ?? 16;
  } catch {
    return 16;
  }
}

/** The weapp page's root font size: the system's own, or 大字's larger one that still follows it. */
export function rootFontSize(largeText: boolean): string {
  return largeText ? `${Math.round(systemFontPx() * LARGE_TEXT_SCALE)}px` : 'system';
}
