/**
 * The same H5 build on a desktop browser (1280×800) and on a phone (390×844): side navigation instead
 * of the tab bar, a readable column, the staff queue and the household requests as sortable, searchable
 * tables with bulk actions, the workbench's counts, a header with a way back, and at phone width the
 * tab bar and cards as before. Layout is asserted in numbers measured in the page, never in pixels.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn, signInNewWechatUser } from '../support/api';
import { appUrl, button, newPhone, onPage, POLL, screenshot, signInAs, useBrowser, visiblePage } from './browser';

const browser = useBrowser();
const C = '/v1/communities/chunhui';
const READABLE_WIDTH = 960;

/** A desktop window: wide, a mouse, and a touch screen too (the sign-in helpers tap). */
async function newDesktop(b: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.newContext({
    hasTouch: true,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Every element on the page that reaches past the right edge of the window (hidden ones measure 0). */
async function elementsWiderThanWindow(page: Page): Promise<string[]> {
  // A page slides in from the right: measure once it has arrived.
  await page.waitForFunction(
    () => (globalThis as unknown as { document: { getAnimations(): unknown[] } }).document.getAnimations().length === 0,
  );
  return page.evaluate(() => {
    type Measured = { tagName: string; className: unknown; getBoundingClientRect(): { right: number } };
    const { document, innerWidth } = globalThis as unknown as {
      document: { querySelectorAll(selector: string): Iterable<Measured> };
      innerWidth: number;
    };
    return [...document.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
      .map(
        (el) => `${el.tagName.toLowerCase()}.${String(el.className)} → ${Math.round(el.getBoundingClientRect().right)}`,
      );
  });
}

type Box = { left: number; right: number; top: number; width: number };
const box = async (locator: Locator): Promise<Box> =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, width: r.width };
  });

/** Three reports waiting for acceptance, filed one after another (distinct times), tagged for the search. */
async function fileReports(tag: string): Promise<string[]> {
  const token = await signIn('resident-wang');
  const ids: string[] = [];
  for (const [i, category] of ['drain', 'leak', 'noise'].entries()) {
    const res = await call('POST', `${C}/feedback`, {
      token,
      idempotencyKey: newKey(),
      body: {
        category,
        description: `桌面测试第${i + 1}条：楼道里的问题需要处理 ${tag}`,
        location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '' },
      },
    });
    expect(res.status).toBe(201);
    ids.push(res.body.reportId as string);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return ids;
}

async function statusOf(reportId: string): Promise<string> {
  const res = await call('GET', `${C}/feedback/${reportId}`, { token: await signIn('admin-chunhui') });
  return res.body.report.status as string;
}

/** The rows of the table under `scope`, by their key, in the order shown. */
const rowKeys = (scope: Locator) =>
  scope
    .locator('.data-table__row:not(.data-table__row--head)')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));

/** Taro's H5 showModal while it is open (its wrapper has no size of its own: look at its box). */
const confirmDialog = (page: Page) =>
  page.locator('.taro__modal').filter({ has: page.locator('.taro-modal__content:visible') });

async function sideNavTo(page: Page, path: string): Promise<Locator> {
  await visiblePage(page).locator(`.side-nav__item[data-path="${path}"]`).click();
  return onPage(page, path);
}

describe('the desktop console at 1280×800', () => {
  it('an admin gets side navigation, a readable column, the queue as a sorted and searchable table, and a bulk accept of two reports after one confirmation', async () => {
    // Prepare
    const tag = `desk${Date.now().toString(36)}`;
    const [first, second, third] = await fileReports(tag);
    if (!first || !second || !third) throw new Error('three reports were filed');
    const desk = await newDesktop(browser());
    const { page } = desk;
    const eventPosts: { url: string; key: string | undefined }[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/events'))
        eventPosts.push({ url: req.url(), key: req.headers()['idempotency-key'] });
    });

    // Act
    await signInAs(page, '赵建华');

    // Assess: no tab bar, a side navigation with the tab pages and the admin's pages, nothing too wide
    await expect.poll(() => page.locator('.weui-tabbar').isVisible()).toBe(false);
    const nav = visiblePage(page).locator('.side-nav');
    await expect.poll(() => nav.count(), POLL).toBe(1);
    const entries = await nav.locator('.side-nav__label').allTextContents();
    expect(entries).toEqual(['首页', '意见箱', '积分', '我的', '工作台', '意见箱工作', '住户审核', '意见箱统计']);
    expect(await elementsWiderThanWindow(page)).toEqual([]);
    await screenshot(page, 'desktop-home');

    // Assess: on 我的, a label and its value sit side by side within the readable column
    const mine = await sideNavTo(page, '/pages/mine/index');
    const row = mine.locator('.row', { hasText: '春晖社区' });
    await expect.poll(() => row.count(), POLL).toBe(1);
    const column = await box(mine.locator('.screen'));
    const label = await box(row.locator('.row__label'));
    const value = await box(row.locator('.row__value'));
    expect(column.width).toBeLessThanOrEqual(READABLE_WIDTH);
    expect(column.left).toBeGreaterThanOrEqual(232);
    expect(value.right - label.left).toBeLessThanOrEqual(READABLE_WIDTH);
    expect(Math.abs(value.top - label.top)).toBeLessThan(12);
    expect(await elementsWiderThanWindow(page)).toEqual([]);

    // Assess: the workbench counts what waits (the API's own count, at least the three just filed)
    const workbench = await sideNavTo(page, '/packages/staff/workbench/index');
    const counts = await call('GET', `${C}/workbench`, { token: await signIn('admin-chunhui') });
    expect(counts.body.feedbackToAccept).toBeGreaterThanOrEqual(3);
    const toAccept = workbench.locator('.duty', { hasText: '派单和督办' }).locator('.duty__count[data-label="待受理"]');
    await expect.poll(() => toAccept.textContent(), POLL).toBe(`待受理 ${counts.body.feedbackToAccept}`);
    expect(await workbench.locator('.duty', { hasText: '住户审核' }).locator('.duty__count').count()).toBe(1);
    expect(await elementsWiderThanWindow(page)).toEqual([]);
    await screenshot(page, 'desktop-workbench');

    // Act: 去办理 on 派单和督办 opens the queue, which has a title and a way back
    await button(workbench.locator('.duty', { hasText: '派单和督办' }), '去办理').click();
    const queue = await onPage(page, '/packages/staff/queue/index');
    expect(await queue.locator('.screen-header__title').textContent()).toBe('意见箱工作');
    expect(await queue.locator('.screen-header__back').count()).toBe(1);
    const table = queue.locator('.queue-table');
    await expect.poll(() => table.locator('.data-table__row[data-key]').count(), POLL).toBeGreaterThanOrEqual(3);
    expect(await queue.locator('.report-card').count()).toBe(0);
    // Every filter chip is on screen (wrapped), none cut off at the edge.
    const section = await box(queue.locator('.section', { hasText: '筛选' }));
    const chips = await queue
      .locator('.queue__statuses .chip, .queue__categories .chip')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
    expect(chips.length).toBeGreaterThan(10);
    for (const right of chips) expect(right).toBeLessThanOrEqual(section.right);
    expect(await elementsWiderThanWindow(page)).toEqual([]);

    // Act: search the loaded rows for this run's tag
    const loaded = await table.locator('.data-table__row[data-key]').count();
    expect(await queue.locator('.list-search__label').textContent()).toBe(`在已加载的 ${loaded} 条中搜索`);
    await queue.locator('.list-search__input input').fill(tag);

    // Assess: only this run's three, newest first
    await expect.poll(() => rowKeys(table), POLL).toEqual([third, second, first]);
    expect(await queue.locator('.list-search__note').textContent()).toContain('找到 3 条');

    // Act: sort by 反映时间 (now ascending), then again (descending)
    const header = table.locator('.data-table__th[data-key="createdAt"]');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await header.click();

    // Assess
    await expect.poll(() => rowKeys(table), POLL).toEqual([first, second, third]);
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.click();
    await expect.poll(() => rowKeys(table), POLL).toEqual([third, second, first]);
    await header.click();
    await screenshot(page, 'desktop-queue');

    // Act: choose the first two, 受理所选, and confirm once
    await table.locator(`.data-table__row[data-key="${first}"] .data-table__check`).click();
    await table.locator(`.data-table__row[data-key="${second}"] .data-table__check`).click();
    await button(queue.locator('.bulk-bar'), '受理所选（2）').click();
    const modal = confirmDialog(page);
    await expect.poll(() => modal.count(), POLL).toBe(1);
    expect(await modal.locator('.taro-modal__title').textContent()).toBe('受理 2 条反映？');
    await modal.locator('.taro-model__confirm').click();

    // Assess: both accepted, each by its own request with its own Idempotency-Key; the third untouched
    const statusCell = (id: string) => table.locator(`.data-table__row[data-key="${id}"] .status-tag`).first();
    await expect.poll(() => statusCell(first).textContent(), POLL).toBe('已受理');
    await expect.poll(() => statusCell(second).textContent(), POLL).toBe('已受理');
    expect(await statusCell(third).textContent()).toBe('待受理');
    expect(await statusOf(first)).toBe('accepted');
    expect(await statusOf(second)).toBe('accepted');
    expect(await statusOf(third)).toBe('submitted');
    expect(eventPosts.map((p) => p.url.split('/').at(-2)).sort()).toEqual([first, second].sort());
    expect(new Set(eventPosts.map((p) => p.key)).size).toBe(2);
    expect(eventPosts.every((p) => p.key && p.key.length >= 16)).toBe(true);
    await expect.poll(() => confirmDialog(page).count(), POLL).toBe(0);
    // Accepted reports have no box any more; the third still has one.
    expect(await table.locator(`.data-table__row[data-key="${first}"] .data-table__check`).count()).toBe(0);
    expect(await table.locator(`.data-table__row[data-key="${third}"] .data-table__check`).count()).toBe(1);
    await screenshot(page, 'desktop-queue-accepted');

    // Act: someone else accepts the third meanwhile; accepting it from the stale row fails
    const elsewhere = await call('POST', `${C}/feedback/${third}/events`, {
      token: await signIn('grid-zhang'),
      idempotencyKey: newKey(),
      body: { action: 'accept' },
    });
    expect(elsewhere.status).toBe(200);
    await table.locator(`.data-table__row[data-key="${third}"] .data-table__check`).click();
    await button(queue.locator('.bulk-bar'), '受理所选（1）').click();
    await expect.poll(() => modal.count(), POLL).toBe(1);
    await modal.locator('.taro-model__confirm').click();

    // Assess: the failure is listed with the report and the server's reason, and it stays chosen
    const failures = queue.locator('.bulk-bar__failures');
    await expect.poll(() => failures.count(), POLL).toBe(1);
    expect(await failures.textContent()).toContain('1 条没有受理成功');
    expect(await failures.locator('.bulk-bar__failure').textContent()).toContain('噪音');
    expect(await queue.locator('.bulk-bar__count').textContent()).toBe('已选 1 条');
    await screenshot(page, 'desktop-queue-failure');

    // Act and assess: ‹ 返回 goes back to the workbench
    await queue.locator('.screen-header__back').click();
    await onPage(page, '/packages/staff/workbench/index');

    await desk.context.close();
  });

  it('an admin approves two household requests from the table after one confirmation', async () => {
    // Prepare: two newcomers ask for homes in 春晖苑 3幢, rooms tagged for the search
    const room = String(7000 + Math.floor(Math.random() * 900));
    const rooms = [`${room}A`, `${room}B`];
    const ids: string[] = [];
    for (const r of rooms) {
      const { token } = await signInNewWechatUser();
      const res = await call('POST', `${C}/households`, {
        token,
        idempotencyKey: newKey(),
        body: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 1, room: r, relation: 'tenant' },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.householdId as string);
    }
    const desk = await newDesktop(browser());
    const { page } = desk;
    await signInAs(page, '赵建华');

    // Act
    const review = await sideNavTo(page, '/packages/admin/households/index');
    const table = review.locator('.review-table');
    await expect.poll(() => table.locator('.data-table__row[data-key]').count(), POLL).toBeGreaterThanOrEqual(2);
    expect(await review.locator('.screen-header__title').textContent()).toBe('住户审核');
    await review.locator('.list-search__input input').fill(room);
    await expect.poll(() => rowKeys(table), POLL).toEqual(ids);
    expect(await elementsWiderThanWindow(page)).toEqual([]);
    await table.locator('.data-table__row--head .data-table__check').click();
    await button(review.locator('.bulk-bar'), '通过所选（2）').click();
    const modal = confirmDialog(page);
    await expect.poll(() => modal.count(), POLL).toBe(1);
    expect(await modal.locator('.taro-modal__title').textContent()).toBe('通过 2 条申请？');
    await screenshot(page, 'desktop-households-confirm');
    await modal.locator('.taro-model__confirm').click();

    // Assess: both gone from the list, both approved
    await expect.poll(() => table.locator('.data-table__row[data-key]').count(), POLL).toBe(0);
    const approved = await call('GET', `${C}/households?status=approved&limit=100`, {
      token: await signIn('admin-chunhui'),
    });
    const approvedIds = (approved.body.items as { householdId: string }[]).map((h) => h.householdId);
    for (const id of ids) expect(approvedIds).toContain(id);

    await desk.context.close();
  });

  it('a sub-page opened by its address goes home with ‹ 返回; a tab page has a title and no back', async () => {
    // Prepare
    const desk = await newDesktop(browser());
    const { page } = desk;
    await signInAs(page, '赵建华');
    await page.goto('about:blank');

    // Act
    await page.goto(appUrl('/packages/staff/workbench/index?communityId=chunhui'));
    const workbench = await onPage(page, '/packages/staff/workbench/index');
    expect(await workbench.locator('.screen-header__title').textContent()).toBe('工作台');
    await workbench.locator('.screen-header__back').click();

    // Assess
    const home = await onPage(page, '/pages/home/index');
    expect(await home.locator('.screen-header__title').textContent()).toBe('首页');
    expect(await home.locator('.screen-header__back').count()).toBe(0);

    await desk.context.close();
  });
});

describe('the same pages at 390×844', () => {
  it('keep the tab bar, cards instead of tables, and say when a figures table scrolls sideways', async () => {
    // Prepare
    await fileReports(`phone${Date.now().toString(36)}`);
    const phone = await newPhone(browser());
    const { page } = phone;

    // Act
    await signInAs(page, '赵建华');

    // Assess: the tab bar, no side navigation
    expect(await page.locator('.weui-tabbar').isVisible()).toBe(true);
    expect(await page.locator('.side-nav').count()).toBe(0);

    // Act: the queue
    await page.goto(appUrl('/packages/staff/queue/index?communityId=chunhui'));
    const queue = await onPage(page, '/packages/staff/queue/index');

    // Assess: cards, no table, no search; the status chips scroll, with a marked edge
    await expect.poll(() => queue.locator('.report-card').count(), POLL).toBeGreaterThanOrEqual(3);
    expect(await queue.locator('.data-table').count()).toBe(0);
    expect(await queue.locator('.list-search').count()).toBe(0);
    expect(await queue.locator('.screen-header__back').count()).toBe(1);
    const statuses = queue.locator('.side-scroll', { has: page.locator('.queue__statuses') });
    await expect.poll(() => statuses.locator('.side-scroll__edge--right').isVisible(), POLL).toBe(true);
    await screenshot(page, 'phone-queue');

    // Act: the households list and the figures
    await page.goto(appUrl('/packages/admin/households/index?communityId=chunhui'));
    const review = await onPage(page, '/packages/admin/households/index');
    await expect.poll(() => review.locator('.load-state').count(), POLL).toBe(0);
    expect(await review.locator('.data-table').count()).toBe(0);
    await page.goto(appUrl('/packages/admin/stats/index?communityId=chunhui'));
    const stats = await onPage(page, '/packages/admin/stats/index');

    // Assess: the table wider than the phone says it scrolls
    const hint = stats.locator('.side-scroll__hint', { hasText: '左右滑动查看更多' }).first();
    await expect.poll(() => hint.isVisible(), POLL).toBe(true);
    const frame = await box(stats.locator('.figures-table').first());
    const grid = await box(stats.locator('.figures-table__grid').first());
    expect(grid.width).toBeGreaterThan(frame.width);
    await hint.scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-stats-hint');

    await phone.context.close();
  });
});
