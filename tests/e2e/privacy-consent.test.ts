import { describe, expect, it } from 'vitest';
import {
  agreeToPrivacy,
  appUrl,
  button,
  cell,
  newPhone,
  privacyDialog,
  screenshot,
  useBrowser,
  visiblePage,
} from './browser';

const browser = useBrowser();

describe('privacy consent comes before any sign-in', () => {
  it('shows the privacy guide on first launch and sends nothing until the person agrees', async () => {
    // Prepare
    const { context, page } = await newPhone(browser());
    const signInCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/auth/')) signInCalls.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });

    // Act: first launch, decline, then try to sign in anyway
    await page.goto(appUrl());
    await expect.poll(() => privacyDialog(page).count()).toBe(1);
    await expect(privacyDialog(page).getByText('微信身份标识').count()).resolves.toBe(1);
    await expect(privacyDialog(page).getByText('房屋地址').count()).resolves.toBe(1);
    await button(privacyDialog(page), '不同意').tap();
    await expect.poll(() => privacyDialog(page).count()).toBe(0);
    await button(visiblePage(page), '去登录').tap();
    await expect.poll(() => visiblePage(page).getByText('登录前请先阅读隐私保护指引').count()).toBe(1);
    await cell(visiblePage(page), '林小雨').tap();

    // Assess: the dialog is back, no sign-in request left the page, no session was stored
    await expect.poll(() => privacyDialog(page).count()).toBe(1);
    expect(signInCalls.filter((c) => c.startsWith('POST'))).toEqual([]);
    const storedSession = await page.evaluate(() => {
      const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
      return storage.getItem('linli.session');
    });
    expect(storedSession).toBeNull();

    // Act: agree, then sign in
    await agreeToPrivacy(page);
    await cell(visiblePage(page), '林小雨').tap();

    // Assess
    await expect.poll(() => visiblePage(page).getByText('您好，林小雨').count()).toBe(1);
    expect(signInCalls).toContain('POST /v1/auth/dev');
    await screenshot(page, 'privacy-then-sign-in');
    await context.close();
  });
});
