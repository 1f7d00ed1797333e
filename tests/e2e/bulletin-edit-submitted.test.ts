/**
 * A submitted bulletin corrected by its author: the review page offers 修改,
 * and the edit page offers what the server allows there (保存草稿, saying the
 * notice goes back to draft and needs review again); once saved, the draft
 * may be submitted again.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, newPhone, onPage, POLL, screenshot, signInAs, useBrowser, visiblePage } from './browser';
import { bodyEditor } from './bulletin-editor-helpers';

const browser = useBrowser();

const EDIT = '/packages/bulletins-admin/edit/index';
const REVIEW = '/packages/bulletins-admin/review/index';

function section(scope: Locator, title: string): Locator {
  return scope.locator('.section').filter({ has: scope.page().getByText(title, { exact: true }) });
}

describe('a submitted bulletin corrected by its author', () => {
  it('is saved back to draft, as the edit page says it will be, and submitted again', async () => {
    // Prepare: 赵建华 writes a notice and submits it
    const title = `春晖苑停电通知 ${Date.now() % 100_000}`;
    const editor = await newPhone(browser());
    await signInAs(editor.page, '赵建华');
    await button(section(visiblePage(editor.page), '公告管理'), '写公告').tap();
    const form = await onPage(editor.page, EDIT);
    await section(form, '标题').locator('input').fill(title);
    const body = bodyEditor(form);
    await body.focusEnd(editor.page);
    await body.type(editor.page, '周五 9:00–12:00 春晖苑停电检修。');
    await button(form, '提交审核').tap();
    await expect.poll(() => form.getByText('已提交审核，等另一位管理员审核通过后发布').count(), POLL).toBe(1);

    // Act: he finds it waiting for review and opens it to correct it
    await button(form, '公告审核和发布').tap();
    const review = await onPage(editor.page, REVIEW);
    const card = review.locator('.review__card', { hasText: title });
    await expect.poll(() => card.count(), POLL).toBe(1);
    await button(card, '修改').tap();
    const again = await onPage(editor.page, EDIT);
    const saving = section(again, '状态：待审核');

    // Assess: 保存草稿 with word of what it does; no 提交审核 while it is submitted
    await expect.poll(() => saving.count(), POLL).toBe(1);
    expect(await saving.textContent()).toContain('修改保存后会回到「草稿」，需要重新提交审核');
    expect(await button(saving, '保存草稿').count()).toBe(1);
    expect(await button(saving, '提交审核').count()).toBe(0);
    await saving.scrollIntoViewIfNeeded();
    await screenshot(editor.page, 'bulletin-edit-submitted');

    // Act: the correction, saved
    await section(again, '标题').locator('input').fill(`${title}（更正）`);
    await button(saving, '保存草稿').tap();

    // Assess: a draft now, which may be submitted again
    const draft = section(again, '状态：草稿');
    await expect.poll(() => draft.getByText('已保存，公告回到「草稿」，需要重新提交审核').count(), POLL).toBe(1);
    await expect.poll(() => button(draft, '提交审核').count(), POLL).toBe(1);
    await button(draft, '提交审核').tap();
    await expect
      .poll(() => section(again, '状态：待审核').getByText('已提交审核，等另一位管理员审核通过后发布').count(), POLL)
      .toBe(1);

    await editor.context.close();
  });
});
