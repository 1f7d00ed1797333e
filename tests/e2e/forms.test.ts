/**
 * Forms say what is wrong where the eye is: a refused submit brings its first
 * error on screen with a toast, each message is said once and goes when its
 * field changes; a step of the household binding is checked as it is left; and
 * 大字 on 我的 makes text larger without breaking a time in the middle.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  appUrl,
  button,
  fontSize,
  newPhone,
  onPage,
  POLL,
  screenshot,
  signInAs,
  tapTab,
  useBrowser,
  visiblePage,
} from './browser';

const browser = useBrowser();

/** Whether all of `target` is inside the phone's screen now. */
async function onScreen(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const screen = page.viewportSize();
  return !!box && !!screen && box.y >= 0 && box.y + box.height <= screen.height;
}

/** How many lines the words `part` of `target`'s text take (1: they do not break). */
function linesOf(target: Locator, part: string): Promise<number> {
  return target.evaluate((element, words) => {
    interface TextNode {
      data: string;
    }
    interface Doc {
      createTreeWalker(root: unknown, what: number): { nextNode(): TextNode | null };
      createRange(): {
        setStart(node: TextNode, at: number): void;
        setEnd(node: TextNode, at: number): void;
        getClientRects(): Iterable<{ top: number; width: number }>;
      };
    }
    const doc = (element as unknown as { ownerDocument: Doc }).ownerDocument;
    const walker = doc.createTreeWalker(element, 4 /* text nodes */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(words);
      if (at < 0) continue;
      const range = doc.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    }
    return -1;
  }, part);
}

describe('an empty report tapped 提交反映', () => {
  it('scrolls to its first error and says 请检查标红的项目; each error is said once and goes when fixed', async () => {
    // Prepare: 王秀英 on the submit page, scrolled down to its button (the first question is off screen)
    const { page, context } = await newPhone(browser());
    await signInAs(page, '王秀英');
    await page.goto(appUrl('/packages/feedback/submit/index?communityId=chunhui'));
    const form = await onPage(page, '/packages/feedback/submit/index');
    const submit = button(form, '提交反映');
    await submit.scrollIntoViewIfNeeded();
    const categories = form.locator('.section', { hasText: '问题类别' });
    expect(await onScreen(page, categories)).toBe(false);
    expect(await form.locator('.field-error').count()).toBe(0);

    // Act
    await submit.tap();

    // Assess: the toast, and the first error (the category) on screen
    await expect.poll(() => page.locator('.taro__toast', { hasText: '请检查标红的项目' }).count(), POLL).toBe(1);
    const first = form.locator('.field-error').first();
    await expect.poll(() => first.textContent(), POLL).toBe('请选择问题类别');
    await expect.poll(() => onScreen(page, first), POLL).toBe(true);
    await screenshot(page, 'forms-first-error');
    // Each message once
    expect(await form.getByText('请选择问题类别').count()).toBe(1);
    expect(await form.getByText('请把问题说清楚，至少 5 个字').count()).toBe(1);

    // Act: the category is chosen
    await form.getByText('下水堵塞', { exact: true }).tap();

    // Assess: its error is gone at once; the description's stays until the description changes
    await expect.poll(() => form.getByText('请选择问题类别').count(), POLL).toBe(0);
    expect(await form.getByText('请把问题说清楚，至少 5 个字').count()).toBe(1);
    await form.locator('.report-fields__description textarea').fill('下');
    await expect.poll(() => form.getByText('请把问题说清楚，至少 5 个字').count(), POLL).toBe(0);
    await context.close();
  });
});

describe('the household binding', () => {
  it('refuses a door number like <script> at its own step, and lets a good one through', async () => {
    // Prepare: 林小雨 at step 5 (the door number)
    const { page, context } = await newPhone(browser());
    await signInAs(page, '林小雨');
    await page.goto(appUrl('/pages/household/index'));
    const form = await onPage(page, '/pages/household/index');
    await form.getByText('春晖社区', { exact: true }).tap();
    await form.getByText('春晖苑', { exact: true }).tap();
    await form.locator('.choice').first().tap();
    await button(form, '1 单元').tap();
    const room = form.locator('input');

    // Act
    await room.fill('<script>');
    await button(form, '下一步').tap();

    // Assess: said under the field, and the next step does not open
    const step = form.locator('.section', { hasText: '第 5 步' });
    await expect.poll(() => step.getByText('门牌号为 1–8 位数字或字母，如 502').count(), POLL).toBe(1);
    await expect.poll(() => onScreen(page, step.locator('.field-error')), POLL).toBe(true);
    expect(await form.getByText('第 6 步', { exact: false }).count()).toBe(0);

    // Act: a good number typed in its place
    await room.fill('502');

    // Assess: the message goes as the field changes; the next step opens
    await expect.poll(() => step.getByText('门牌号为 1–8 位数字或字母，如 502').count(), POLL).toBe(0);
    await button(form, '下一步').tap();
    await expect.poll(() => form.getByText('第 6 步：您与这套房屋的关系').count(), POLL).toBe(1);
    await context.close();
  });
});

describe('大字 on 我的', () => {
  it('makes the text larger on every page, kept after a reload, and a time never breaks in the middle', async () => {
    // Prepare: a small phone (360 px wide), common among older residents
    const { page, context } = await newPhone(browser());
    await page.setViewportSize({ width: 360, height: 780 });
    await signInAs(page, '王秀英');
    await tapTab(page, '我的');
    const mine = visiblePage(page);
    const name = mine.locator('.mine__name');
    // A line with a date and a time that is too long for one line at 大字: it must break between words
    const requested = mine.locator('.household-card__line--when').first();
    await expect.poll(() => name.count(), POLL).toBe(1);
    const before = await fontSize(name);

    // Act
    await mine.locator('.nut-cell', { hasText: '大字' }).tap();

    // Assess: 1.25 times the size, the same after a reload; the date and the time each stay whole
    await expect.poll(() => fontSize(name), POLL).toBeCloseTo(before * 1.25, 0);
    const text = (await requested.textContent()) ?? '';
    const [, date, time] = /(\d{4}年\d{1,2}月\d{1,2}日)\s+(\d{2}:\d{2})/.exec(text) ?? [];
    expect(date && time).toBeTruthy();
    expect(await linesOf(requested, text)).toBeGreaterThan(1);
    expect(await linesOf(requested, date as string)).toBe(1);
    expect(await linesOf(requested, time as string)).toBe(1);
    await screenshot(page, 'forms-large-text');
    await page.reload();
    await expect.poll(() => fontSize(visiblePage(page).locator('.mine__name')), POLL).toBeCloseTo(before * 1.25, 0);
    // Every page: the scale is set on the document, which every size of the app is multiplied by
    await page.goto(appUrl('/pages/home/index'));
    await onPage(page, '/pages/home/index');
    const scale = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as {
            document: { documentElement: { style: { getPropertyValue(name: string): string } } };
          }
        ).document.documentElement.style.getPropertyValue('--linli-scale'),
      );
    await expect.poll(scale, POLL).toBe('1.25');
    await context.close();
  });
});
