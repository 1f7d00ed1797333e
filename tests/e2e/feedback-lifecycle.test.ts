/**
 * THE scenario of the feedback box, through the H5 build in a phone-sized
 * browser: a resident files with a photo, a grid worker accepts and
 * dispatches, property staff resolve with proof, the resident confirms and
 * rates, the admin's figures count it, and WeChat was asked to send every
 * notification that was due.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, cell, newPhone, onPage, POLL, screenshot, signInAs, tapTab, useBrowser, visiblePage } from './browser';
import {
  adminFigures,
  choosePhoto,
  chosen,
  outbox,
  popup,
  reportIdOf,
  thisShanghaiMonth,
  waitForUploads,
} from './feedback-helpers';

const browser = useBrowser();

/** From the signed-in home page: 我的 → 工作台 → the duty's 去办理. */
async function openDuty(page: Page, duty: string): Promise<void> {
  await tapTab(page, '我的');
  await cell(visiblePage(page), '工作台').tap();
  const workbench = await onPage(page, '/packages/staff/workbench/index');
  await button(workbench.locator('.duty', { hasText: duty }), '去办理').tap();
}

/** Opens the report's card from a list (queue or 我的反映) and waits for its page. */
async function openReport(page: Page, description: string): Promise<void> {
  const card = visiblePage(page).locator('.report-card', { hasText: description });
  await card.locator('.report-card__open').tap();
  await onPage(page, '/packages/feedback/detail/index');
}

/** Taps an action button on the report page, fills the sheet with `fill`, and sends it. */
async function act(page: Page, action: string, go: string, fill?: (sheet: ReturnType<typeof popup>) => Promise<void>) {
  await button(visiblePage(page).locator('.report__actions'), action).first().tap();
  const sheet = popup(page, action);
  await expect.poll(() => sheet.count(), POLL).toBe(1);
  await fill?.(sheet);
  await button(sheet, go).tap();
  await expect.poll(() => sheet.count(), POLL).toBe(0);
}

describe('the feedback box, end to end', () => {
  it('a resident submits with a photo, a grid worker accepts and dispatches, property staff resolve with proof, the resident confirms and rates, the admin’s figures show it, and the WeChat outbox holds each notification that was due', async () => {
    // Prepare
    const month = thisShanghaiMonth();
    const before = await adminFigures(month);
    const description = `3幢2单元楼下的下水道堵了，污水漫到路面（${Date.now().toString(36)}）`;
    const resident = await newPhone(browser());
    const grid = await newPhone(browser());
    const property = await newPhone(browser());
    const admin = await newPhone(browser());

    // Act: the resident files from 意见箱 with a photo; the place comes from the approved home
    await signInAs(resident.page, '王秀英');
    await tapTab(resident.page, '意见箱');
    await button(visiblePage(resident.page), '我要反映').tap();
    const form = await onPage(resident.page, '/packages/feedback/submit/index');
    await form.getByText('下水堵塞', { exact: true }).tap();
    await form.locator('textarea').fill(description);
    await choosePhoto(resident.page, form.getByText('添加照片'), 'drain.png');
    await waitForUploads(form, 1);
    expect(await chosen(form.locator('.location-picker__buildings'))).toBe('3幢');
    expect(await chosen(form.locator('.location-picker__units'))).toBe('2单元');
    await screenshot(resident.page, 'feedback-submit-form');
    await button(form, '提交反映').tap();

    // Assess: the report page shows it waiting, with the photo
    const report = await onPage(resident.page, '/packages/feedback/detail/index');
    await expect.poll(() => report.locator('.report-summary').getByText('待受理').count(), POLL).toBe(1);
    const reportId = await reportIdOf(resident.page);
    expect(await report.locator('.photo-strip__image').count()).toBe(1);
    expect(await report.textContent()).toContain('春晖苑 3幢 2单元');
    await screenshot(resident.page, 'feedback-submitted');

    // Act: the grid worker finds it in the queue of 第一网格, accepts it and dispatches it to 物业
    await signInAs(grid.page, '张丽');
    await openDuty(grid.page, '处理网格内的问题');
    const queue = await onPage(grid.page, '/packages/staff/queue/index');
    expect(await chosen(queue.locator('.queue__grids'))).toBe('第一网格');
    await expect.poll(() => queue.locator('.report-card', { hasText: description }).count(), POLL).toBe(1);
    await screenshot(grid.page, 'feedback-staff-queue');
    await openReport(grid.page, description);
    await act(grid.page, '受理', '确认受理', async (sheet) => {
      // The category's defaults: a routine small repair.
      expect(await chosen(sheet.locator('.chips').first())).toBe('一般');
      await screenshot(grid.page, 'feedback-accept-sheet');
    });
    await expect
      .poll(() => visiblePage(grid.page).locator('.report-summary').getByText('已受理').count(), POLL)
      .toBe(1);
    await act(grid.page, '派单', '确认派单', async (sheet) => {
      await sheet.getByText('物业', { exact: true }).tap();
      await sheet.locator('textarea').fill('请物业今天疏通');
    });
    await expect
      .poll(() => visiblePage(grid.page).locator('.report-summary').getByText('已派单').count(), POLL)
      .toBe(1);
    await grid.context.close();

    // Act: property staff see it dispatched to them, arrive, and resolve with a proof photo
    await signInAs(property.page, '陈志强');
    await openDuty(property.page, '维修处理');
    await onPage(property.page, '/packages/staff/queue/index');
    await openReport(property.page, description);
    await act(property.page, '已到场', '确认已到场');
    await expect
      .poll(() => visiblePage(property.page).locator('.report-summary').getByText('处理中').count(), POLL)
      .toBe(1);
    await act(property.page, '办结', '确认办结', async (sheet) => {
      await sheet.locator('textarea').fill('已疏通下水道并清理路面');
      await choosePhoto(property.page, sheet.getByText('添加照片'), 'proof.png');
      await waitForUploads(sheet, 1);
    });
    const resolved = visiblePage(property.page);
    await expect.poll(() => resolved.locator('.report-summary').getByText('待确认').count(), POLL).toBe(1);
    expect(await resolved.locator('.timeline__event[data-kind="resolve"] .photo-strip__image').count()).toBe(1);
    await screenshot(property.page, 'feedback-resolved');

    // Act: the resident opens it from 我的反映, confirms it is fixed and gives 5 stars
    await resident.page.goBack();
    const mine = await onPage(resident.page, '/pages/feedback/index');
    // Coming back to the tab refreshes 我的反映.
    const card = mine.locator('.report-card', { hasText: description });
    await expect.poll(() => card.getByText('待确认').count(), POLL).toBe(1);
    await screenshot(resident.page, 'feedback-my-reports');
    await openReport(resident.page, description);
    await act(resident.page, '确认解决', '提交评价', async (sheet) => {
      await sheet.locator('.nut-rate-item').nth(4).tap();
      await expect.poll(() => sheet.getByText('5 分').count(), POLL).toBe(1);
      await sheet.locator('textarea').fill('很快就修好了，谢谢');
    });

    // Assess: closed, rated, and the whole public timeline is there
    const closed = visiblePage(resident.page);
    await expect.poll(() => closed.locator('.report-summary').getByText('已办结').count(), POLL).toBe(1);
    expect(await closed.locator('.report-summary__rating').textContent()).toContain('5 分');
    const kinds = await closed.locator('.timeline__event').evaluateAll((els) => els.map((e) => e.dataset.kind));
    expect(kinds).toEqual(['submitted', 'accept', 'dispatch', 'arrive', 'resolve', 'confirm']);
    expect(await closed.locator('.timeline__event[data-kind="resolve"]').textContent()).toContain('已疏通下水道');
    expect(await closed.locator('.report__actions').count()).toBe(0);
    await screenshot(resident.page, 'feedback-closed');

    // Assess: the 公示栏 shows the fix to every resident, without the reporter's name
    await resident.page.goBack();
    await onPage(resident.page, '/pages/feedback/index');
    await visiblePage(resident.page).locator('.feedback__board').tap();
    const board = await onPage(resident.page, '/packages/feedback/board/index');
    const posted = board.locator('.board-card', { hasText: description });
    await expect.poll(() => posted.count(), POLL).toBe(1);
    expect(await posted.textContent()).toContain('已疏通下水道并清理路面');
    expect(await posted.textContent()).toContain('5 分');
    expect(await board.textContent()).not.toContain('王秀英');
    await screenshot(resident.page, 'feedback-board');

    // Act: the admin opens 意见箱统计 (this Shanghai month by default)
    await signInAs(admin.page, '赵建华');
    await openDuty(admin.page, '意见箱统计');
    const stats = await onPage(admin.page, '/packages/admin/stats/index');
    const tile = (label: string) => stats.locator(`.stats__tile[data-figure="${label}"] .stats__value`);
    await expect.poll(() => tile('收到数').count(), POLL).toBe(1);

    // Assess: the figures count this report as received, accepted and resolved (other tests may have added more)
    expect(Number(await tile('收到数').textContent())).toBeGreaterThanOrEqual(Math.max(1, before.received + 1));
    expect(Number(await tile('受理数').textContent())).toBeGreaterThanOrEqual(Math.max(1, before.accepted + 1));
    expect(Number(await tile('办结数').textContent())).toBeGreaterThanOrEqual(before.resolved + 1);
    const chart = stats.locator('.bar-chart__image img').first();
    const src = (await chart.getAttribute('src')) ?? '';
    expect(src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(src)).toContain('下水堵塞');
    await expect
      .poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await screenshot(admin.page, 'feedback-stats');
    await chart.scrollIntoViewIfNeeded();
    await screenshot(admin.page, 'feedback-stats-chart');

    // Act and assess: the CSV export saves a file with the figures
    const [download] = await Promise.all([admin.page.waitForEvent('download'), button(stats, '导出 CSV 文件').tap()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csvPath = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(csvPath, 'utf8')).toContain('下水堵塞');

    // Assess: the demand list (议事清单) is one tap away
    await button(stats, '议事清单').tap();
    const demand = await onPage(admin.page, '/packages/admin/demand/index');
    await expect.poll(() => demand.getByText('春晖社区议事清单').count(), POLL).toBe(1);
    await expect.poll(() => demand.locator('.load-state').count(), POLL).toBe(0);

    // Assess: on the submit tap the resident accepted 受理, 办结 and 回复 once each (WeChat's client, here the
    // stand-in, recorded them); WeChat then carried 受理 (the dispatch found no 受理 consent left) and 办结.
    // The property staff never tapped 接收派单提醒, so their task reached 消息 only.
    const forReport = async () => (await outbox()).filter((m) => m.page?.includes(`reportId=${reportId}`));
    await expect.poll(async () => (await forReport()).length, POLL).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sent = await forReport();
    expect(sent.map((m) => [m.template_id, m.data.phrase2?.value])).toEqual([
      ['local-feedback-accepted', '已受理'],
      ['local-feedback-resolved', '待确认'],
    ]);
    expect(sent[0]?.page).toBe(`packages/feedback/detail/index?communityId=chunhui&reportId=${reportId}`);

    for (const phone of [resident, property, admin]) await phone.context.close();
  });
});
