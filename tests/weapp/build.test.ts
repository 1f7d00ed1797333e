/**
 * The shape of the weapp build WeChat receives: app.json, tab bar icons,
 * subpackages, and the main package under its size budget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readAppJson, sizeOf, WEAPP_DIR } from './harness';

const MAIN_PACKAGE_BUDGET = 1024 * 1024;

describe('app.json', () => {
  it('has the four tabs 首页 · 意见箱 · 积分 · 我的, all in the main package', () => {
    const app = readAppJson();
    const tabs = app.tabBar?.list ?? [];
    expect(tabs.map((t) => t.text)).toEqual(['首页', '意见箱', '积分', '我的']);
    for (const tab of tabs) expect(app.pages).toContain(tab.pagePath);
  });

  it('has 81×81 PNG tab icons (normal and selected) under 40 KB each', () => {
    for (const tab of readAppJson().tabBar?.list ?? [])
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        const bytes = readFileSync(join(WEAPP_DIR, icon));
        const png = PNG.sync.read(bytes);
        expect([icon, png.width, png.height]).toEqual([icon, 81, 81]);
        expect(bytes.length).toBeLessThan(40 * 1024);
      }
  });

  it('puts the staff workbench and the admin pages in the subpackages staff and admin', () => {
    const app = readAppJson();
    const byName = Object.fromEntries((app.subPackages ?? []).map((p) => [p.name, p]));
    expect(byName.staff?.root).toBe('packages/staff');
    expect(byName.admin?.root).toBe('packages/admin');
    for (const sub of app.subPackages ?? [])
      for (const page of sub.pages) expect(readdirSync(join(WEAPP_DIR, sub.root, page, '..'))).toContain('index.js');
    expect(app.pages.some((p) => p.startsWith('packages/'))).toBe(false);
  });

  it('turns on the WeChat privacy check', () => {
    expect(readAppJson().__usePrivacyCheck__).toBe(true);
  });

  it('declares in requiredPrivateInfos exactly the location APIs the pages call', () => {
    // WeChat refuses a call to an undeclared one, and review asks why one is declared and never used.
    const called = new Set<string>();
    for (const { path, code } of scripts())
      if (path !== 'taro.js')
        // Taro's table of every API name, not a call
        for (const m of code.matchAll(new RegExp(`\\.(${LOCATION_APIS.join('|')})\\(`, 'g')))
          called.add(m[1] as string);
    expect([...called].sort()).toEqual(['chooseLocation']);
    expect([...(readAppJson().requiredPrivateInfos ?? [])].sort()).toEqual([...called].sort());
  });
});

/** The APIs WeChat requires in requiredPrivateInfos. */
const LOCATION_APIS = [
  'getFuzzyLocation',
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
];

/** Every script of the build, by its path inside it. */
function scripts(): { path: string; code: string }[] {
  readAppJson();
  const found: { path: string; code: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.js'))
        found.push({
          path: relative(WEAPP_DIR, join(dir, entry.name)),
          code: readFileSync(join(dir, entry.name), 'utf8'),
        });
  };
  walk(WEAPP_DIR);
  return found;
}

describe('package size', () => {
  it('keeps the main package (everything but the subpackages) under 1 MB', () => {
    const app = readAppJson();
    const subRoots = (app.subPackages ?? []).map((p) => p.root);
    const main = sizeOf(WEAPP_DIR, subRoots);
    const total = sizeOf(WEAPP_DIR);
    console.log(`weapp main package ${main} bytes, total ${total} bytes`);
    expect(main).toBeLessThan(MAIN_PACKAGE_BUDGET);
  });

  it('ships no demo sign-in in the weapp build', () => {
    for (const { code } of scripts()) {
      expect(code).not.toContain('/v1/auth/dev');
      expect(code).not.toContain('演示身份');
    }
  });
});
