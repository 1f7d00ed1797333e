/** Writing a bulletin's body the way an editor does: typing, and the toolbar's buttons (never markup). */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { button, POLL } from './browser';
import { choosePhoto, popup } from './feedback-helpers';

export type Tool = 'heading' | 'bold' | 'list' | 'link' | 'image';

/** The body editor on the edit page on screen. */
export function bodyEditor(form: Locator) {
  const area = form.locator('.rich-editor__area--h5');
  const tool = (name: Tool) => form.locator(`.body-editor__tool--${name}`);
  return {
    area,
    tool,
    /** Puts the cursor at the end of what is written. */
    async focusEnd(page: Page) {
      await area.click();
      await page.keyboard.press('Control+End');
    },
    async type(page: Page, text: string) {
      await page.keyboard.type(text);
    },
    async press(page: Page, key: string) {
      await page.keyboard.press(key);
    },
    /** Selects the last `count` characters before the cursor. */
    async selectBack(page: Page, count: number) {
      for (let i = 0; i < count; i++) await page.keyboard.press('Shift+ArrowLeft');
    },
    async tap(name: Tool) {
      await tool(name).tap();
    },
    /** 链接: one of the sheet's targets (its label), with the words the link shows. */
    async insertLink(page: Page, target: string, words: string) {
      await tool('link').tap();
      const sheet = popup(page, '插入链接');
      await sheet.getByText(target, { exact: true }).tap();
      await sheet.locator('input').fill(words);
      await button(sheet, '插入链接').tap();
      await expect.poll(() => area.locator('a', { hasText: words }).count(), POLL).toBe(1);
    },
    /** 图片: a caption, then a picture through the real file chooser, uploaded and put in the body. */
    async insertImage(page: Page, caption: string, file: string) {
      const before = await area.locator('img[data-key]').count();
      await tool('image').tap();
      const sheet = popup(page, '插入图片');
      await sheet.locator('input').fill(caption);
      await choosePhoto(page, button(sheet, '选择图片并插入'), file);
      await expect.poll(() => area.locator('img[data-key]').count(), POLL).toBe(before + 1);
    },
  };
}
