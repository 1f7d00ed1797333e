// @vitest-environment jsdom
/**
 * The feedback box in the real weapp build: its subpackage pages exist and
 * say what they are in Chinese, and echarts stays out of the main package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RenderedPage, readAppJson, renderPage, sizeOf, WEAPP_DIR } from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const NEW_PAGES: [root: string, page: string, heading: string][] = [
  ['packages/feedback', 'submit/index', '我要反映'],
  ['packages/feedback', 'detail/index', '反映详情'],
  ['packages/feedback', 'board/index', '公示栏'],
  ['packages/feedback', 'offline/index', '代居民登记'],
  ['packages/staff', 'queue/index', '意见箱工作'],
  ['packages/admin', 'stats/index', '意见箱统计'],
  ['packages/admin', 'demand/index', '议事清单'],
];

/** Every file of the main package (everything outside the subpackage roots). */
function mainPackageFiles(): string[] {
  const roots = (readAppJson().subPackages ?? []).map((p) => p.root);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (roots.includes(relative(WEAPP_DIR, path))) continue;
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(WEAPP_DIR);
  return files;
}

describe('the feedback subpackages in the build', () => {
  it('lists the new pages in app.json, each in a subpackage with its script', () => {
    const app = readAppJson();
    for (const [root, route] of NEW_PAGES) {
      const sub = app.subPackages?.find((p) => p.root === root);
      expect(sub?.pages, `${root}/${route}`).toContain(route);
      expect(readdirSync(join(WEAPP_DIR, root, route, '..'))).toContain('index.js');
    }
    expect(app.pages).not.toContain('packages/feedback/submit/index');
  });

  it('keeps echarts out of the main package, which stays under 1 MB', () => {
    const main = mainPackageFiles();
    const withEcharts = main.filter((file) => /echarts|zrender/.test(readFileSync(file, 'utf8')));
    expect(withEcharts.map((file) => relative(WEAPP_DIR, file))).toEqual([]);
    const admin = sizeOf(join(WEAPP_DIR, 'packages/admin'));
    const mainBytes = sizeOf(
      WEAPP_DIR,
      (readAppJson().subPackages ?? []).map((p) => p.root),
    );
    console.log(`weapp main package ${mainBytes} bytes, admin subpackage ${admin} bytes`);
    expect(mainBytes).toBeLessThan(1024 * 1024);
    // echarts does ship, in the admin subpackage (under WeChat's 2 MB per subpackage).
    // (in the subpackage's own sub-common chunk, since 街道工作台 draws its charts with the same renderer)
    const adminScripts = readdirSync(join(WEAPP_DIR, 'packages/admin'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(WEAPP_DIR, 'packages/admin', file), 'utf8'));
    expect(adminScripts.some((code) => /renderToSVGString/.test(code))).toBe(true);
    expect(admin).toBeLessThan(2 * 1024 * 1024);
  });

  it.each(NEW_PAGES)('%s/%s renders its Chinese title (%s) for a signed-out person', async (root, route, heading) => {
    page = await renderPage(`${root}/${route}`);
    const data = page.data() as { navigationBar?: Record<string, unknown> };
    expect(Object.values(data.navigationBar ?? {})).toContain(heading);
    expect(page.dom.textContent).toContain('请先登录');
  });
});
