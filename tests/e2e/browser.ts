/**
 * Browser helpers for the H5 build served by the local stack: one Chromium per
 * file, one context per person (their own storage), touch taps like a phone.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Several phones at once on a 2-core machine: give the app more than expect.poll's default second. */
export const POLL = { timeout: 10_000, interval: 100 } as const;

export const RESULTS_DIR = join(import.meta.dirname, '..', '..', 'test-results');

/** `extraArgs`: flags one test needs on top (e.g. a fake camera for the scanner). */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run scripts/system-deps.sh (apt-get install chromium fonts-wqy-microhei)`);
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...extraArgs] });
}

/** One Chromium for the whole file, closed at the end. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running (useBrowser must be called at file level)');
    return browser;
  };
}

/** A phone-sized, touch-enabled context: a fresh person with empty storage. */
export async function newPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    hasTouch: true,
    isMobile: true,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export function appUrl(path = '/pages/home/index'): string {
  return `${inject('apiUrl')}/#${path}`;
}

/** Taro H5 keeps earlier and other tab pages in the DOM, shaded: look only at the one on screen. */
export function visiblePage(page: Page): Locator {
  return page.locator('.taro_page:not(.taro_page_shade)').last();
}

/** Waits until the page on screen is `path` (navigation animates; the old page lingers meanwhile). */
export async function onPage(page: Page, path: string): Promise<Locator> {
  await expect.poll(() => visiblePage(page).getAttribute('id'), POLL).toContain(path);
  return visiblePage(page);
}

/** A NutUI button by its label (tap the button itself, its label is a child it lays over). */
export function button(scope: Locator, label: string): Locator {
  return scope.locator('taro-button-core', { hasText: label });
}

/** A NutUI cell whose title is exactly `title` (the cell, not its title, takes the tap). */
export function cell(scope: Locator, title: string): Locator {
  return scope.locator('.nut-cell').filter({ has: scope.page().getByText(title, { exact: true }) });
}

export function privacyDialog(page: Page): Locator {
  return page.locator('.privacy-dialog:visible');
}

export async function agreeToPrivacy(page: Page): Promise<void> {
  const dialog = privacyDialog(page);
  await expect.poll(() => dialog.count()).toBe(1);
  await button(dialog, '同意并继续').tap();
  await expect.poll(() => dialog.count()).toBe(0);
}

/** From a signed-out home page: consent, open sign-in, choose the demo person. */
export async function signInAs(page: Page, name: string): Promise<void> {
  await page.goto(appUrl());
  await agreeToPrivacy(page);
  await button(visiblePage(page), '去登录').tap();
  await cell(await onPage(page, '/pages/signin/index'), name).tap();
  // Sign-in is three requests and a tab switch; with every test project sharing 2 cores it can take
  // longer than the usual poll. A greeting that never comes still fails.
  await expect.poll(() => visiblePage(page).getByText(`您好，${name}`).count(), SIGN_IN_POLL).toBe(1);
}

const SIGN_IN_POLL = { timeout: 30_000, interval: 100 } as const;

const TAB_PATHS = { 首页: 'home', 意见箱: 'feedback', 积分: 'points', 我的: 'mine' } as const;

export async function tapTab(page: Page, label: keyof typeof TAB_PATHS): Promise<void> {
  await page.locator('.weui-tabbar__label', { hasText: label }).tap();
  await onPage(page, `/pages/${TAB_PATHS[label]}/index`);
}

/** A text's computed size in CSS pixels. */
export const fontSize = (target: Locator) =>
  target.evaluate((element) => {
    const view = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
    return Number.parseFloat(view.getComputedStyle(element).fontSize);
  });

/** Nothing is wider than the screen: no sideways scrolling (at 大字, on a small phone). */
export const fitsTheScreen = (page: Page) =>
  page.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return doc.scrollWidth <= doc.clientWidth;
  });

/** Turns on 大字 on 我的 (signed in) and waits until the text there is 1.25 times its size. */
export async function turnOnLargeText(page: Page): Promise<void> {
  await tapTab(page, '我的');
  const mine = visiblePage(page);
  const name = mine.locator('.mine__name');
  await expect.poll(() => name.count(), POLL).toBe(1);
  const normal = await fontSize(name);
  await mine.locator('.nut-cell', { hasText: '大字' }).tap();
  await expect.poll(() => fontSize(name), POLL).toBeCloseTo(normal * 1.25, 0);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  // A toast ("已提交") would cover the page: wait until Taro has hidden it (its wrapper has no size of its own).
  await page.waitForFunction(() =>
    [
      ...(
        globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ style: { display: string } }> } }
      ).document.querySelectorAll('.taro__toast'),
    ].every((toast) => toast.style.display === 'none'),
  );
  // Let Taro's page slide finish, or the picture shows two pages half on screen.
  await page.waitForFunction(
    () => (globalThis as unknown as { document: { getAnimations(): unknown[] } }).document.getAnimations().length === 0,
  );
  await page.screenshot({ path: join(RESULTS_DIR, `e2e-${name}.png`), fullPage: true });
}
