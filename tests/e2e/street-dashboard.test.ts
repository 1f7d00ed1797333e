/**
 * 街道工作台 in the H5 build: a street admin (street-qian, 长河街道, no community membership) opens it from the
 * desk console's side navigation, sees both communities, sorts the table, downloads the CSV and drills down to one
 * community's read-only page; at 360 px the page itself never scrolls sideways (the tables scroll in their box).
 * Other test files write data at the same time, so the figures compared are the API's own answer to the page.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { call, newKey, signIn } from '../support/api';
import { appUrl, onPage, POLL, screenshot, signInAs, useBrowser, visiblePage } from './browser';

const browser = useBrowser();
const DASHBOARD = '/packages/street/dashboard/index';
const COMMUNITY = '/packages/street/community/index';

interface Row {
  communityId: string;
  name: string;
  feedback: { received: number };
}

async function newWindow(b: Browser, width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.newContext({
    hasTouch: true,
    viewport: { width, height },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** The figures answer the page itself is given (the comparison, not the drill-down). */
const figuresAnswer = (page: Page) =>
  page.waitForResponse(
    (r: Response) => /\/v1\/streets\/changhe\/figures\?/.test(r.url()) && !r.url().includes('communityId'),
  );

const rowOrder = (page: Page) =>
  visiblePage(page)
    .locator('.figures-grid__row[data-key]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));

/** Stable sort by received, as the table sorts. */
const byReceived = (rows: Row[], sign: 1 | -1) =>
  rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => sign * (a.row.feedback.received - b.row.feedback.received) || a.index - b.index)
    .map((x) => x.row.communityId);

/** The street's comparison over the page's default range (the last six Shanghai months), as the API answers it. */
async function apiFigures(token: string): Promise<{ communities: Row[] }> {
  const now = new Date(Date.now() + 8 * 3600_000);
  const to = now.toISOString().slice(0, 7);
  const back = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1)).toISOString().slice(0, 7);
  const res = await call('GET', `/v1/streets/changhe/figures?from=${back}&to=${to}`, { token });
  expect(res.status).toBe(200);
  return res.body as { communities: Row[] };
}

/** Reports filed in 枫桥 until it has received more than 春晖 this range, so the sort has an order to show. */
async function fengqiaoAhead(streetToken: string): Promise<void> {
  const received = async (id: string) =>
    (await apiFigures(streetToken)).communities.find((c) => c.communityId === id)?.feedback.received ?? 0;
  const missing = (await received('chunhui')) - (await received('fengqiao')) + 1;
  const resident = await signIn('resident-zhou');
  for (let i = 0; i < Math.max(missing, 1); i++) {
    const res = await call('POST', '/v1/communities/fengqiao/feedback', {
      token: resident,
      idempotencyKey: newKey(),
      body: {
        category: 'drain',
        description: `街道工作台排序测试：枫桥新村楼道下水道堵塞 ${i + 1}`,
        location: { estateId: 'fengqiao-xincun', buildingId: 'fqx-b2', unit: 1, detail: '' },
      },
    });
    expect(res.status).toBe(201);
  }
  await expect.poll(async () => (await received('fengqiao')) > (await received('chunhui')), POLL).toBe(true);
}

describe('街道工作台', () => {
  it('a street admin at 1280×800 compares the communities, sorts, downloads the CSV and drills down read-only', async () => {
    const { context, page } = await newWindow(browser(), 1280, 800);
    try {
      await fengqiaoAhead(await signIn('street-qian'));
      await signInAs(page, '钱志远');
      const entry = visiblePage(page).locator(`.side-nav__item[data-path="${DASHBOARD}"]`);
      await expect.poll(() => entry.count(), POLL).toBe(1);
      const answered = figuresAnswer(page);
      await entry.click();
      const dashboard = await onPage(page, DASHBOARD);
      const figures = (await (await answered).json()) as { communities: Row[]; from: string; to: string };
      expect(figures.communities.map((c) => c.name).sort()).toEqual(['春晖社区', '枫桥社区'].sort());

      await expect.poll(() => rowOrder(page), POLL).toEqual(figures.communities.map((c) => c.communityId));
      for (const c of figures.communities) {
        const received = dashboard.locator(`.figures-grid__row[data-key="${c.communityId}"] [data-key="received"]`);
        expect(await received.textContent()).toBe(String(c.feedback.received));
      }

      // Sort by 收到意见: up, then down.
      const header = dashboard.locator('.figures-grid__row--head [data-key="received"]');
      await header.click();
      await expect.poll(() => header.getAttribute('aria-sort'), POLL).toBe('ascending');
      expect(await rowOrder(page)).toEqual(byReceived(figures.communities, 1));
      await header.click();
      await expect.poll(() => header.getAttribute('aria-sort'), POLL).toBe('descending');
      expect(await rowOrder(page)).toEqual(byReceived(figures.communities, -1));
      // 枫桥 was given more reports than 春晖 (other files may add to either, never to a tie of our making).
      expect(byReceived(figures.communities, 1)).not.toEqual(byReceived(figures.communities, -1));
      // By name, in Chinese order: 春晖 before 枫桥.
      await dashboard.locator('.figures-grid__row--head [data-key="name"]').click();
      expect(await rowOrder(page)).toEqual(['chunhui', 'fengqiao']);

      // The charts are pictures, both drawn.
      await expect.poll(() => dashboard.locator('.bar-chart__image').count(), POLL).toBe(2);
      await screenshot(page, 'street-dashboard-desktop');

      // 导出 CSV: the file has the API's own header line.
      const token = await signIn('street-qian');
      const csv = await fetch(
        `${inject('apiUrl')}/v1/streets/changhe/figures.csv?from=${figures.from}&to=${figures.to}`,
        {
          headers: { authorization: `Bearer ${token}`, accept: 'text/csv' },
        },
      );
      expect(csv.status).toBe(200);
      const apiHeader = (await csv.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dashboard.locator('taro-button-core', { hasText: '导出 CSV 文件' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const firstLine = readFileSync((await download.path()) as string, 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0];
      expect(firstLine).toBe(apiHeader);
      expect(firstLine).toContain('社区');

      // Drill down into 春晖社区: its months, read only.
      await dashboard.locator('.figures-grid__row[data-key="chunhui"]').click();
      const community = await onPage(page, COMMUNITY);
      await expect.poll(() => community.getByText('春晖社区', { exact: true }).count(), POLL).toBeGreaterThan(0);
      await expect.poll(() => community.getByText('按月份').count(), POLL).toBe(1);
      await expect.poll(() => community.locator('.figures-grid__row[data-key]').count(), POLL).toBeGreaterThan(1);
      // Nothing to do there but choose months.
      const actions = community.locator('taro-button-core:not(.month-range__step):not(.month-range__preset)');
      expect(await actions.count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('at 360 px the page does not scroll sideways; the table scrolls in its own box and says so', async () => {
    const { context, page } = await newWindow(browser(), 360, 760);
    try {
      await signInAs(page, '钱志远');
      await page.goto(appUrl(`${DASHBOARD}?streetId=changhe`));
      const dashboard = await onPage(page, DASHBOARD);
      await expect.poll(() => dashboard.locator('.figures-grid__row[data-key]').count(), POLL).toBe(2);
      await expect.poll(() => dashboard.getByText('左右滑动查看更多').count(), POLL).toBeGreaterThan(0);
      const overflow = await page.evaluate(() => {
        const { document, innerWidth } = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number }; body: { scrollWidth: number } };
          innerWidth: number;
        };
        return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - innerWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
