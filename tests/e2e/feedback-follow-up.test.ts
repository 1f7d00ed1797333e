/**
 * How a report from someone without the app closes, through the H5 build: a
 * grid worker enters a hotline report (代居民登记), accepts, dispatches it to
 * herself and resolves it, then phones the resident (回访) and records that
 * they are satisfied, with the 4 stars they gave. The report is 已办结 with
 * the rating marked as entered by staff for the resident.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, cell, newPhone, onPage, POLL, screenshot, signInAs, tapTab, useBrowser, visiblePage } from './browser';
import { chosen, popup } from './feedback-helpers';

const browser = useBrowser();

/** Taps an action button on the report page, fills the sheet with `fill`, and sends it. */
async function act(page: Page, action: string, go: string, fill?: (sheet: ReturnType<typeof popup>) => Promise<void>) {
  await button(visiblePage(page).locator('.report__actions'), action).first().tap();
  const sheet = popup(page, action);
  await expect.poll(() => sheet.count(), POLL).toBe(1);
  await fill?.(sheet);
  await button(sheet, go).tap();
  await expect.poll(() => sheet.count(), POLL).toBe(0);
}

const status = (page: Page, label: string) => visiblePage(page).locator('.report-summary').getByText(label).count();

describe('a follow-up (回访) closes an offline report', () => {
  it('staff enter a hotline report, resolve it, phone the resident and record 满意 with 4 stars: 已办结, rated for the resident', async () => {
    // Prepare: this file's own report, entered for a resident without the app
    const description = `热线反映：2幢楼下的健身器材螺丝松了（${Date.now().toString(36)}）`;
    const grid = await newPhone(browser());
    await signInAs(grid.page, '张丽');
    await tapTab(grid.page, '我的');
    await cell(visiblePage(grid.page), '工作台').tap();
    const workbench = await onPage(grid.page, '/packages/staff/workbench/index');
    await button(workbench.locator('.duty', { hasText: '处理网格内的问题' }), '去办理').tap();
    const queue = await onPage(grid.page, '/packages/staff/queue/index');
    await button(queue, '代居民登记（纸条、热线、走访）').tap();
    const entry = await onPage(grid.page, '/packages/feedback/offline/index');
    await entry.getByText('热线电话', { exact: true }).tap();
    await entry.locator('input').first().fill('刘大爷');
    await entry.getByText('其他', { exact: true }).tap();
    await entry.locator('textarea').fill(description);
    // Where: 春晖苑 3幢, in 张丽's 第一网格
    await entry.getByText('春晖苑', { exact: true }).tap();
    await entry.locator('.location-picker__buildings').getByText('3幢', { exact: true }).tap();
    await button(entry, '登记').tap();
    await onPage(grid.page, '/packages/feedback/detail/index');
    await expect.poll(() => status(grid.page, '待受理'), POLL).toBe(1);

    // Act: accepted, dispatched to herself and resolved
    await act(grid.page, '受理', '确认受理');
    await expect.poll(() => status(grid.page, '已受理'), POLL).toBe(1);
    await act(grid.page, '派单', '确认派单', async (sheet) => {
      await sheet.getByText('网格员', { exact: true }).tap();
      await sheet.getByText('张丽', { exact: true }).tap();
    });
    await expect.poll(() => status(grid.page, '已派单'), POLL).toBe(1);
    await act(grid.page, '办结', '确认办结', async (sheet) => {
      await sheet.locator('textarea').fill('已拧紧螺丝并试用');
    });
    await expect.poll(() => status(grid.page, '待确认'), POLL).toBe(1);
    const waiting = visiblePage(grid.page);
    expect(await waiting.locator('.row[data-row="确认期限"]').textContent()).toContain('前未确认，系统将自动确认');

    // Act: 回访 by phone, satisfied, 4 stars
    await act(grid.page, '回访', '保存回访结果', async (sheet) => {
      // 电话 is the way it starts with
      expect(await chosen(sheet.locator('.chips').first())).toBe('电话');
      await sheet.getByText('满意', { exact: true }).tap();
      await sheet.locator('.nut-rate-item').nth(3).tap();
      await expect.poll(() => sheet.getByText('4 星').count(), POLL).toBe(1);
      await screenshot(grid.page, 'feedback-follow-up-sheet');
    });

    // Assess: closed through the follow-up, with the resident's rating entered by staff, in the timeline too
    const closed = visiblePage(grid.page);
    await expect.poll(() => status(grid.page, '已办结'), POLL).toBe(1);
    expect(await closed.locator('.report-summary__rating').textContent()).toBe(
      '★★★★☆回访评价 4 分（工作人员回访时代居民评价）',
    );
    expect(await closed.locator('.row[data-row="办结方式"] .row__value').textContent()).toBe('回访确认');
    const event = closed.locator('.timeline__event[data-kind="follow_up"]');
    expect(await event.locator('.timeline__label').textContent()).toBe('回访');
    expect(await event.locator('.timeline__meta').textContent()).toContain('张丽（网格员）');
    expect(await event.locator('.timeline__text').textContent()).toBe('电话回访：满意，4 星（代居民评价）');
    expect(await closed.locator('.report__actions').getByText('回访').count()).toBe(0);
    await screenshot(grid.page, 'feedback-followed-up');
    await grid.context.close();
  });
});
