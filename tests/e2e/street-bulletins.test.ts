/**
 * 街道公告 in the H5 build: 钱志远 (street admin of 长河街道) writes a bulletin for 春晖社区 alone from the
 * 街道工作台 and submits it; on its review page he is offered no 通过. 吴晓燕, the street's second admin,
 * approves it there (the buttons are the server's allowedActions). 王秀英 of 春晖社区 finds it in 公告 on
 * her home page marked 来自 长河街道, with the picture 钱志远 put in it (uploaded under the street);
 * 枫桥社区's residents are not sent it.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
import { button, newPhone, onPage, POLL, screenshot, signInAs, useBrowser, visiblePage } from './browser';
import { bodyEditor } from './bulletin-editor-helpers';

const browser = useBrowser();
const DASHBOARD = '/packages/street/dashboard/index';
const LIST = '/packages/street/bulletins/index';
const EDIT = '/packages/street/bulletin-edit/index';
const REVIEW = '/packages/street/bulletin/index';
const DETAIL = '/packages/bulletins/detail/index';

function section(scope: Locator, title: string): Locator {
  return scope.locator('.section').filter({ has: scope.page().getByText(title, { exact: true }) });
}

/** From the home page: 街道工作台, then 街道公告. */
async function openStreetBulletins(page: Page): Promise<Locator> {
  await visiblePage(page).locator('.entry-street-dashboard').tap();
  const dashboard = await onPage(page, DASHBOARD);
  await button(section(dashboard, '街道公告'), '街道公告').tap();
  return onPage(page, LIST);
}

/** The labels of the action buttons a review page offers. */
const actions = (review: Locator) =>
  review
    .locator('.street-review__actions taro-button-core')
    .evaluateAll((els) => els.map((e) => e.textContent?.trim()));

describe('街道公告', () => {
  it('is written by one street admin, approved by the other, and read in the chosen community', async () => {
    const title = `长河街道冬季用电安全提醒 ${Date.now() % 100_000}`;
    const author = await newPhone(browser());
    const reviewer = await newPhone(browser());
    const resident = await newPhone(browser());
    try {
      // Act: 钱志远 writes it for 春晖社区 only and submits it
      await signInAs(author.page, '钱志远');
      const list = await openStreetBulletins(author.page);
      await button(list, '写街道公告').tap();
      const form = await onPage(author.page, EDIT);
      await section(form, '标题').locator('input').fill(title);
      const body = bodyEditor(form);
      await body.focusEnd(author.page);
      await body.type(author.page, '天气转冷，请勿私拉电线给电动车充电');
      // A picture with its caption, through the community editor's 图片 (uploaded under the street)
      await body.insertImage(author.page, '楼道里的飞线充电', 'flying-wire.png');
      const key = await body.area.locator('img[data-key]').getAttribute('data-key');
      expect(key).toMatch(/^photos\/streets\/changhe\/bulletin\//);
      const picker = section(form, '发给哪些社区');
      await picker.getByText('指定社区', { exact: true }).tap();
      await expect.poll(() => picker.getByText('枫桥社区').count(), POLL).toBe(1);
      await picker.getByText('春晖社区', { exact: true }).tap();
      await expect.poll(() => picker.getByText('✓ 春晖社区').count(), POLL).toBe(1);
      await screenshot(author.page, 'street-bulletin-editor');
      await button(form, '提交审核').tap();
      await expect.poll(() => form.getByText('已提交审核，等另一位管理员审核通过后发布').count(), POLL).toBe(1);

      // Assess: the author's review page offers no 通过
      await button(form, '街道公告列表').tap();
      const own = await onPage(author.page, LIST);
      const ownCard = own.locator('.street-bulletins__card', { hasText: title });
      await expect.poll(() => ownCard.count(), POLL).toBe(1);
      await ownCard.tap();
      const ownReview = await onPage(author.page, REVIEW);
      await expect.poll(() => ownReview.getByText('春晖社区', { exact: true }).count(), POLL).toBe(1);
      expect(await actions(ownReview)).toEqual(['修改', '退回', '撤回']);

      // Act: 吴晓燕 approves it, confirming first
      await signInAs(reviewer.page, '吴晓燕');
      const waiting = await openStreetBulletins(reviewer.page);
      const card = waiting.locator('.street-bulletins__card', { hasText: title });
      await expect.poll(() => card.count(), POLL).toBe(1);
      expect(await card.textContent()).toContain('发给：春晖社区');
      await card.tap();
      const review = await onPage(reviewer.page, REVIEW);
      await expect.poll(() => actions(review), POLL).toEqual(['修改', '通过', '退回', '撤回']);
      await button(review, '通过').tap();
      const modal = reviewer.page.locator('.taro__modal', { hasText: '通过并发布' });
      await expect.poll(() => modal.count(), POLL).toBe(1);
      expect(await modal.textContent()).toContain('春晖社区的居民都能看到');
      await modal.locator('.taro-model__confirm').tap();

      // Assess: published in 春晖社区, nothing left to approve, the decision kept
      await expect.poll(() => review.getByText('已通过，已发布').count(), POLL).toBe(1);
      expect(await actions(review)).toEqual(['修改', '撤回']);
      const row = review.locator('.street-review__row', { hasText: '春晖社区' });
      expect(await row.textContent()).toContain('已发布');
      expect(await review.locator('.decisions').textContent()).toContain('吴晓燕');
      await screenshot(reviewer.page, 'street-bulletin-approved');

      // Act: 王秀英 of 春晖社区 opens her home page
      await signInAs(resident.page, '王秀英');
      const item = visiblePage(resident.page).locator('.bulletin-card', { hasText: title });
      await expect.poll(() => item.count(), POLL).toBe(1);

      // Assess: marked as the street's, with its picture in the feed and in the bulletin; 枫桥社区's were not sent it
      expect(await item.locator('.bulletin-card__from').textContent()).toBe('来自 长河街道');
      await expect.poll(() => item.locator('.bulletin-card__cover').count(), POLL).toBe(1);
      await screenshot(resident.page, 'street-bulletin-resident');
      await item.tap();
      const detail = await onPage(resident.page, DETAIL);
      const figure = detail.locator('.bulletin-blocks__figure');
      await expect.poll(() => figure.count(), POLL).toBe(1);
      await expect.poll(() => figure.getByText('楼道里的飞线充电', { exact: true }).count(), POLL).toBe(1);
      await figure.scrollIntoViewIfNeeded();
      await expect
        .poll(
          () =>
            figure
              .locator('img')
              .evaluateAll((images) =>
                images.every((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0),
              ),
          POLL,
        )
        .toBe(true);
      const zhou = await call('GET', '/v1/communities/fengqiao/bulletins?limit=50', {
        token: await signIn('resident-zhou'),
      });
      expect(zhou.body.items.map((i: { title: string }) => i.title)).not.toContain(title);
    } finally {
      for (const phone of [author, reviewer, resident]) await phone.context.close();
    }
  });
});
