// @vitest-environment jsdom
/**
 * The points pages in the real weapp build: the three subpackages are in
 * app.json, their pages render their Chinese headings, and the QR encoder and
 * the points pages stay out of the main package.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RenderedPage, readAppJson, renderPage, sizeOf, WEAPP_DIR } from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const SUBPACKAGES = {
  points: [
    'code/index',
    'ledger/index',
    'rewards/index',
    'redemptions/index',
    'activities/index',
    'leaderboard/index',
    'sorting/index',
  ],
  station: ['credit/index', 'fulfil/index', 'counter/index'],
  'points-admin': ['rewards/index', 'held/index', 'adjust/index', 'stats/index', 'activities/index', 'sorting/index'],
} as const;

/** Every .js file of the build outside the subpackage roots, with its text. */
function mainPackageScripts(): { path: string; code: string }[] {
  const subRoots = (readAppJson().subPackages ?? []).map((p) => join(WEAPP_DIR, p.root));
  const found: { path: string; code: string }[] = [];
  const walk = (dir: string) => {
    if (subRoots.includes(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) found.push({ path, code: readFileSync(path, 'utf8') });
    }
  };
  walk(WEAPP_DIR);
  return found;
}

describe('points subpackages in app.json', () => {
  it('declares points, station and points-admin with their pages, each built', () => {
    // Prepare
    const app = readAppJson();
    const byName = Object.fromEntries((app.subPackages ?? []).map((p) => [p.name, p]));

    // Assess
    for (const [name, pages] of Object.entries(SUBPACKAGES)) {
      expect(byName[name]?.root).toBe(`packages/${name}`);
      expect(byName[name]?.pages).toEqual([...pages]);
      for (const p of pages) expect(readdirSync(join(WEAPP_DIR, 'packages', name, p, '..'))).toContain('index.js');
    }
    expect(app.pages).toContain('pages/points/index');
    expect(app.pages.some((p) => p.includes('points/') && p !== 'pages/points/index')).toBe(false);
  });
});

describe('points pages render in WeChat', () => {
  it('the station weigh-in page titles itself 称重记积分 and asks a signed-out person to sign in', async () => {
    // Act
    page = await renderPage('packages/station/credit/index');
    const data = page.data() as { navigationBar?: Record<string, unknown> };

    // Assess
    expect(Object.values(data.navigationBar ?? {})).toContain('称重记积分');
    expect(page.dom.textContent).toContain('服务站工作人员登录后才能使用');
  });

  it('the member code page titles itself 我的积分码', async () => {
    page = await renderPage('packages/points/code/index');
    const data = page.data() as { navigationBar?: Record<string, unknown> };
    expect(Object.values(data.navigationBar ?? {})).toContain('我的积分码');
    expect(page.dom.textContent).toContain('登录');
  });

  it('the 积分 tab explains how points are earned', async () => {
    page = await renderPage('pages/points/index');
    expect(page.dom.textContent).toContain('积分怎么来');
  });
});

describe('points and the main package', () => {
  it('keeps the QR encoder and the points subpackage pages out of the main package, under 1 MB', () => {
    // Prepare
    const app = readAppJson();
    const main = sizeOf(
      WEAPP_DIR,
      (app.subPackages ?? []).map((p) => p.root),
    );

    // Assess
    expect(main).toBeLessThan(1024 * 1024);
    for (const { path, code } of mainPackageScripts()) {
      expect([path, code.includes('createDataURL')]).toEqual([path, false]);
      // The Code 128 encoder's pattern table (its stop symbol) stays in the points subpackage too.
      expect([path, code.includes('2331112')]).toEqual([path, false]);
      expect([path, code.includes('确认记分')]).toEqual([path, false]);
    }
  });
});
