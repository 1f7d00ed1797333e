/**
 * A browser phone that opens the H5 app already signed in as someone a test
 * made (a fresh resident), the way the app keeps a session and the privacy
 * consent in its storage: a file seeds its own people instead of sharing the
 * demo ones, so what it sees is exactly what it did.
 */
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { PRIVACY_GUIDE_VERSION } from '../../miniprogram/src/services/privacy-version.js';
import type { signInNewWechatUser } from './api.js';

type Person = Awaited<ReturnType<typeof signInNewWechatUser>>;

/** Opens the app's home page signed in as `person` (Taro H5 keeps each storage key as `{ data }` JSON). */
export async function openAppAs(page: Page, person: Person): Promise<void> {
  const stored = {
    'linli.session': { data: person.session },
    'linli.privacyConsent': { data: { version: PRIVACY_GUIDE_VERSION, agreedAt: new Date().toISOString() } },
  };
  await page.addInitScript((items) => {
    const storage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } })
      .localStorage;
    for (const [key, value] of Object.entries(items)) storage.setItem(key, JSON.stringify(value));
  }, stored);
  await page.goto(`${inject('apiUrl')}/#/pages/home/index`);
  await expect
    .poll(() => page.locator('.taro_page:not(.taro_page_shade)').last().getByText(`您好，${person.nickname}`).count(), {
      timeout: 10_000,
      interval: 100,
    })
    .toBe(1);
}
