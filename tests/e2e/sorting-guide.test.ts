/**
 * 这个怎么分 through the H5 build. An older resident with 大字 on, on a small
 * phone, looks up an aluminium can by name and by its pinyin initials, and a
 * thing the guide does not know; then the community's admin switches to the
 * Shanghai names and adds a local entry, and the resident finds it first.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  button,
  cell,
  fitsTheScreen,
  newPhone,
  onPage,
  POLL,
  screenshot,
  signInAs,
  tapTab,
  turnOnLargeText,
  useBrowser,
  visiblePage,
} from './browser';

const browser = useBrowser();

async function openGuide(page: Page): Promise<Locator> {
  await tapTab(page, '积分');
  await cell(visiblePage(page), '这个怎么分').tap();
  return onPage(page, '/packages/points/sorting/index');
}

async function search(guide: Locator, text: string) {
  await guide.locator('.sorting__search input').fill(text);
}

describe('这个怎么分', () => {
  it('an older resident with 大字 finds a can by name and by ylg, and gets the nearest for a thing it does not know', async () => {
    // Prepare: 大字 on, on a 360 px phone
    const { page, context } = await newPhone(browser());
    await page.setViewportSize({ width: 360, height: 780 });
    await signInAs(page, '王秀英');
    await turnOnLargeText(page);
    const guide = await openGuide(page);
    await expect.poll(() => guide.locator('.sorting__category').count(), POLL).toBe(4);

    // Act: by name
    await search(guide, '易拉罐');
    // Assess: recyclable, how to put it out, and which stations take it for points
    const can = guide.locator('.sorting__item[data-item="易拉罐"]');
    await expect.poll(() => can.count(), POLL).toBe(1);
    expect(await can.locator('.sorting__tag').textContent()).toBe('可回收物');
    expect(await can.textContent()).toContain('倒空压扁');
    expect(await can.locator('.sorting__station').textContent()).toContain('交到服务站称重可得积分');
    expect(await fitsTheScreen(page)).toBe(true);
    await screenshot(page, 'sorting-guide-large-text');

    // Act: by pinyin initials, then something it does not know
    await search(guide, 'dgt');
    const bone = guide.locator('.sorting__item[data-item="大骨头"]');
    await expect.poll(() => bone.count(), POLL).toBe(1);
    expect(await bone.locator('.sorting__tag').textContent()).toBe('其他垃圾');
    await search(guide, '飞机');
    await expect.poll(() => guide.getByText('没有找到“飞机”').count(), POLL).toBe(1);
    expect(await guide.getByText('您是不是要找：').count()).toBe(1);
    expect(await guide.locator('.sorting__item').count()).toBeGreaterThan(0);
    expect(await fitsTheScreen(page)).toBe(true);
    await context.close();
  });

  it('the admin switches to the Shanghai names and adds a local entry; the resident finds it first', async () => {
    // Prepare
    const admin = await newPhone(browser());
    await signInAs(admin.page, '赵建华');
    await tapTab(admin.page, '我的');
    await cell(visiblePage(admin.page), '工作台').tap();
    const workbench = await onPage(admin.page, '/packages/staff/workbench/index');
    await button(workbench.locator('.duty', { hasText: '分类指南' }), '去办理').tap();
    const editor = await onPage(admin.page, '/packages/points-admin/sorting/index');

    // Act
    await editor.getByText('上海叫法', { exact: false }).first().tap();
    const fields = editor.locator('.field__input input');
    await fields.nth(0).fill('筒骨');
    await fields.nth(1).fill('猪大骨、棒骨');
    await editor.locator('.sorting-admin__category').getByText('干垃圾', { exact: true }).tap();
    await fields.nth(2).fill('本小区厨余站不收，请投干垃圾桶');
    await button(editor, '添加到本社区条目').tap();
    await expect.poll(() => editor.locator('.sorting-admin__entry[data-entry="筒骨"]').count(), POLL).toBe(1);
    await button(editor, '保存分类指南').tap();
    // Assess: saved (the editor starts again from what the server keeps)
    await expect
      .poll(() => editor.locator('.sorting-admin__entry[data-entry="筒骨"]').textContent(), POLL)
      .toContain('干垃圾');
    await screenshot(admin.page, 'sorting-guide-admin');
    await admin.context.close();

    // Assess: the resident sees the Shanghai names and the community's own entry, first
    const resident = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    const guide = await openGuide(resident.page);
    await expect.poll(() => guide.getByText('四类垃圾（本社区用上海叫法）').count(), POLL).toBe(1);
    await search(guide, '棒骨');
    const first = guide.locator('.sorting__item').first();
    await expect.poll(() => first.getAttribute('data-item'), POLL).toBe('筒骨');
    expect(await first.textContent()).toContain('本社区的说明');
    expect(await first.locator('.sorting__tag').textContent()).toBe('干垃圾');
    await search(guide, '果皮');
    await expect
      .poll(() => guide.locator('.sorting__item[data-item="果皮"] .sorting__tag').textContent(), POLL)
      .toBe('湿垃圾');
    await resident.context.close();
  });
});
