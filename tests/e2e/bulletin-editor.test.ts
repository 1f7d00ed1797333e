/**
 * A bulletin written with the toolbar, with no markup typed: a heading, bold
 * text and a picture with its caption, shown in the preview as published,
 * approved by a second admin after a confirmation (kept in its review record),
 * and read by a resident exactly so.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, newPhone, onPage, POLL, screenshot, signInAs, useBrowser, visiblePage } from './browser';
import { bodyEditor } from './bulletin-editor-helpers';

const browser = useBrowser();

const EDIT = '/packages/bulletins-admin/edit/index';
const REVIEW = '/packages/bulletins-admin/review/index';
const DETAIL = '/packages/bulletins/detail/index';

function section(scope: Locator, title: string): Locator {
  return scope.locator('.section').filter({ has: scope.page().getByText(title, { exact: true }) });
}

/** Whether every picture under `scope` has loaded (a broken one has no natural width). */
const imagesLoaded = (scope: Locator) =>
  scope
    .locator('img')
    .evaluateAll((images) => images.every((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0));

describe('a bulletin written with the toolbar', () => {
  it('is published with its heading, bold text and captioned picture, and read so by a resident', async () => {
    // Prepare
    const title = `水泵房检修通知 ${Date.now() % 100_000}`;
    const editor = await newPhone(browser());
    const approver = await newPhone(browser());
    const resident = await newPhone(browser());
    await signInAs(editor.page, '赵建华');
    await button(section(visiblePage(editor.page), '公告管理'), '写公告').tap();
    const form = await onPage(editor.page, EDIT);
    const body = bodyEditor(form);
    const preview = section(form, '预览');

    // Assess: a fresh editor says nothing is wrong before anything is written, and has no markup to learn
    expect(await form.getByText('正文不能为空').count()).toBe(0);
    expect(await form.locator('textarea').count()).toBe(0);
    expect(await form.textContent()).not.toContain('**加粗**');

    // Act: the title; a heading; a line whose end is made bold; a picture with a caption
    await section(form, '标题').locator('input').fill(title);
    await body.focusEnd(editor.page);
    await body.type(editor.page, '检修时间');
    await body.tap('heading');
    await expect.poll(() => preview.locator('.bulletin-blocks__h2', { hasText: '检修时间' }).count(), POLL).toBe(1);
    await body.focusEnd(editor.page);
    await body.press(editor.page, 'Enter');
    await body.type(editor.page, '因水泵房检修，春晖苑停水：周四全天');
    await body.selectBack(editor.page, 4);
    await body.tap('bold');
    await expect.poll(() => preview.locator('.bulletin-blocks__bold', { hasText: '周四全天' }).count(), POLL).toBe(1);
    await body.insertImage(editor.page, '检修中的水泵房', 'pump-room.png');
    await form.locator('.body-editor__tools').scrollIntoViewIfNeeded();
    await screenshot(editor.page, 'bulletin-editor-toolbar');

    // Assess: the preview shows the picture as it will be published, with its caption, and no markup anywhere
    await expect.poll(() => preview.locator('.bulletin-blocks__image').count(), POLL).toBe(1);
    // Pictures load as they come into view (lazyLoad), as on a phone
    await preview.locator('.bulletin-blocks__figure').scrollIntoViewIfNeeded();
    await expect.poll(() => imagesLoaded(preview.locator('.bulletin-blocks__figure')), POLL).toBe(true);
    await expect.poll(() => preview.getByText('检修中的水泵房', { exact: true }).count(), POLL).toBe(1);
    expect(await preview.getByText('图片（发布后显示）').count()).toBe(0);
    expect(await preview.getByText('图片说明').count()).toBe(0);
    const written = (await body.area.textContent()) ?? '';
    expect(written).not.toMatch(/[#*[\]]/);
    await screenshot(editor.page, 'bulletin-editor-preview');
    await button(form, '提交审核').tap();
    await expect.poll(() => form.getByText('已提交审核，等另一位管理员审核通过后发布').count(), POLL).toBe(1);

    // Act: 孙梅 approves it, confirming first
    await signInAs(approver.page, '孙梅');
    await button(section(visiblePage(approver.page), '公告管理'), '审核和发布').tap();
    const review = await onPage(approver.page, REVIEW);
    const card = review.locator('.review__card', { hasText: title });
    await expect.poll(() => card.count(), POLL).toBe(1);
    await button(card, '通过').tap();
    const modal = approver.page.locator('.taro__modal', { hasText: '通过并发布' });
    await expect.poll(() => modal.getByText('通过并发布').count(), POLL).toBe(1);
    expect(await modal.textContent()).toContain(title);
    await modal.locator('.taro-model__confirm').tap();

    // Assess: published, and the decision kept on the card: who, what
    await expect.poll(() => card.getByText('已通过，已发布').count(), POLL).toBe(1);
    const record = card.locator('.decisions');
    await expect.poll(() => record.getByText('审核通过', { exact: true }).count(), POLL).toBe(1);
    expect(await record.textContent()).toContain('孙梅');
    await screenshot(approver.page, 'bulletin-editor-approved');

    // Act: 王秀英 opens it from her feed
    await signInAs(resident.page, '王秀英');
    const home = visiblePage(resident.page);
    const item = home.locator('.bulletin-card', { hasText: title });
    await expect.poll(() => item.count(), POLL).toBe(1);
    await item.tap();
    const detail = await onPage(resident.page, DETAIL);

    // Assess: the heading, the bold words and the picture with its caption, as written
    await expect.poll(() => detail.locator('.bulletin-blocks__h2', { hasText: '检修时间' }).count(), POLL).toBe(1);
    await expect.poll(() => detail.locator('.bulletin-blocks__bold', { hasText: '周四全天' }).count(), POLL).toBe(1);
    expect(await detail.locator('.bulletin-blocks__p').first().textContent()).toContain('因水泵房检修，春晖苑停水：');
    const figure = detail.locator('.bulletin-blocks__figure');
    await expect.poll(() => figure.count(), POLL).toBe(1);
    await figure.scrollIntoViewIfNeeded();
    await expect.poll(() => imagesLoaded(figure), POLL).toBe(true);
    await expect.poll(() => figure.getByText('检修中的水泵房', { exact: true }).count(), POLL).toBe(1);
    expect(await detail.textContent()).not.toMatch(/\*\*|\]\(|图片说明/);
    await screenshot(resident.page, 'bulletin-editor-resident');

    for (const phone of [editor, approver, resident]) await phone.context.close();
  });
});
