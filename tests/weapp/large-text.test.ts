// @vitest-environment jsdom
/**
 * 大字 in WeChat: the page's root font size follows the system font setting
 * (`page-meta root-font-size="system"`), and 大字 on 我的 makes it that size
 * × 1.25, kept in local storage, on every page.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PRIVACY_GUIDE_VERSION } from '../../miniprogram/src/services/privacy-version';
import {
  classesOf,
  launchApp,
  nodesOf,
  type RenderedPage,
  renderPage,
  tap,
  textOf,
  WEAPP_DIR,
  waitFor,
} from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

/** The root font size the page asks WeChat for: what its template binds to page-meta's `root-font-size`. */
function rootFontSize(p: RenderedPage, route: string): unknown {
  const wxml = readFileSync(join(WEAPP_DIR, `${route}.wxml`), 'utf8');
  const field = /root-font-size="\{\{pageMeta\.(\w+)/.exec(wxml)?.[1];
  const meta = p.data().pageMeta as Record<string, unknown> | undefined;
  if (!field || !meta) throw new Error(`${route} has no page-meta root-font-size`);
  return meta[field];
}

describe('大字 in WeChat', () => {
  it('follows the system font setting, and 大字 on 我的 makes every page’s root font 1.25 times it', async () => {
    // Prepare: signed out is enough, the setting is on this phone (the harness's WeChat font setting is 16 px)
    const { recorder } = launchApp();
    recorder.storage.set('linli.privacyConsent', { version: PRIVACY_GUIDE_VERSION, agreedAt: '2026-11-01T00:00:00Z' });
    const mine = await renderPage('pages/mine/index');
    page = mine;
    const cell = await waitFor(() => {
      const found = nodesOf(mine).find((n) => classesOf(n).includes('nut-cell') && textOf(n).includes('大字'));
      if (!found) throw new Error('no 大字 on 我的');
      return found;
    });
    expect(rootFontSize(page, 'pages/mine/index')).toBe('system');

    // Act
    tap(page, cell);

    // Assess: this page at once, the choice stored, and the next page opened too
    await waitFor(() => expect(rootFontSize(mine, 'pages/mine/index')).toBe('20px'));
    expect(nodesOf(page).some((n) => classesOf(n).includes('screen--large'))).toBe(true);
    expect(recorder.storage.get('linli.largeText')).toBe(true);
    page.detach();
    const home = await renderPage('pages/home/index');
    page = home;
    await waitFor(() => expect(rootFontSize(home, 'pages/home/index')).toBe('20px'));
  });
});
