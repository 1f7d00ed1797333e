import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api';
import {
  appUrl,
  button,
  cell,
  newPhone,
  onPage,
  POLL,
  screenshot,
  signInAs,
  tapTab,
  useBrowser,
  visiblePage,
} from './browser';
import { bodyEditor } from './bulletin-editor-helpers';
import { choosePhoto } from './feedback-helpers';

const browser = useBrowser();

const EDIT = '/packages/bulletins-admin/edit/index';
const REVIEW = '/packages/bulletins-admin/review/index';
const READS = '/packages/bulletins-admin/reads/index';
const DETAIL = '/packages/bulletins/detail/index';

/** Taps 确定 in the confirmation Taro.showModal shows (`title` is the modal's). */
async function confirmModal(page: Page, title: string): Promise<void> {
  const modal = page.locator('.taro__modal', { hasText: title });
  await expect.poll(() => modal.count(), POLL).toBe(1);
  await modal.locator('.taro-model__confirm').tap();
}

/**
 * The notice's body, written with the toolbar: a heading, a list (with a link to
 * 意见箱) and a line whose time is bold. No markup is typed.
 */
async function writeNotice(page: Page, form: Locator): Promise<void> {
  const body = bodyEditor(form);
  await body.focusEnd(page);
  await body.type(page, '停水时间');
  await body.tap('heading');
  await body.focusEnd(page);
  await body.press(page, 'Enter');
  await body.tap('list');
  await body.type(page, '请提前储水');
  await body.press(page, 'Enter');
  await body.insertLink(page, '意见箱（反映问题）', '社区意见箱');
  await body.focusEnd(page);
  await body.press(page, 'Enter');
  await body.press(page, 'Enter');
  await body.type(page, '因管道检修，春晖苑全区停水：周六 9:00–15:00');
  await body.selectBack(page, '周六 9:00–15:00'.length);
  await body.tap('bold');
}

/** A section of the page on screen by its title. */
function section(scope: Locator, title: string): Locator {
  return scope.locator('.section').filter({ has: scope.page().getByText(title, { exact: true }) });
}

/** The feed has finished loading (a first page, or the empty note). */
async function feedLoaded(page: Page): Promise<Locator> {
  const home = visiblePage(page);
  await expect.poll(() => home.locator('.home__feed').count(), POLL).toBe(1);
  await expect.poll(() => home.getByText('正在加载…').count(), POLL).toBe(0);
  return home;
}

const badge = (page: Page) => page.locator('.taro-tabbar-badge');

describe('an important notice for one estate', () => {
  it('is written, approved by a second admin, confirmed by a resident there, unseen by another estate, and counted', async () => {
    // Prepare
    const title = `春晖苑停水通知 ${Date.now() % 100_000}`;
    const editor = await newPhone(browser());
    const approver = await newPhone(browser());
    const wang = await newPhone(browser());
    const li = await newPhone(browser());

    // Act 1: 赵建华 writes the notice for 春晖苑 only, important, and submits it
    await signInAs(editor.page, '赵建华');
    await button(section(visiblePage(editor.page), '公告管理'), '写公告').tap();
    const form = await onPage(editor.page, EDIT);
    await section(form, '标题').locator('input').fill(title);
    await writeNotice(editor.page, form);
    await section(form, '发给谁看').getByText('指定小区', { exact: true }).tap();
    await section(form, '发给谁看').getByText('春晖苑', { exact: true }).tap();
    await section(form, '重要通知').getByText('是', { exact: true }).tap();
    // the live preview draws the markup as the resident will see it
    const preview = section(form, '预览');
    await expect.poll(() => preview.getByText('停水时间', { exact: true }).count(), POLL).toBe(1);
    await expect.poll(() => preview.getByText('周六 9:00–15:00', { exact: true }).count(), POLL).toBe(1);
    await expect.poll(() => preview.getByText('请提前储水', { exact: true }).count(), POLL).toBe(1);
    await screenshot(editor.page, 'bulletins-editor');
    await button(form, '提交审核').tap();
    await expect.poll(() => form.getByText('已提交审核，等另一位管理员审核通过后发布').count(), POLL).toBe(1);

    // the author may not approve their own notice: the server allows them no 通过 (withdrawing it, yes)
    await button(form, '公告审核和发布').tap();
    const ownReview = await onPage(editor.page, REVIEW);
    const ownCard = ownReview.locator('.review__card', { hasText: title });
    await expect.poll(() => button(ownCard, '撤回').count(), POLL).toBe(1);
    expect(await button(ownCard, '通过').count()).toBe(0);

    // Act 2: 孙梅 approves it
    await signInAs(approver.page, '孙梅');
    await button(section(visiblePage(approver.page), '公告管理'), '审核和发布').tap();
    const review = await onPage(approver.page, REVIEW);
    const card = review.locator('.review__card', { hasText: title });
    await expect.poll(() => card.count(), POLL).toBe(1);
    await expect.poll(() => card.getByText('作者：赵建华', { exact: false }).count()).toBe(1);
    await button(card, '通过').tap();
    await confirmModal(approver.page, '通过并发布');
    await expect.poll(() => card.getByText('已通过，已发布').count(), POLL).toBe(1);
    await expect.poll(() => card.locator('.review__status').textContent(), POLL).toBe('已发布');
    await screenshot(approver.page, 'bulletins-approved');

    // Act 3: 王秀英 (春晖苑) sees it with the unread badge and confirms reading
    await signInAs(wang.page, '王秀英');
    const wangHome = await feedLoaded(wang.page);
    const notice = wangHome.locator('.bulletin-card', { hasText: title });
    await expect.poll(() => notice.count(), POLL).toBe(1);
    await expect.poll(() => notice.getByText('重要', { exact: true }).count()).toBe(1);
    await expect.poll(() => notice.getByText('未读', { exact: true }).count()).toBe(1);
    await expect.poll(() => badge(wang.page).textContent(), POLL).toBe('1');
    await screenshot(wang.page, 'bulletins-resident-feed');
    await notice.tap();
    const detail = await onPage(wang.page, DETAIL);
    await expect.poll(() => detail.getByText(title, { exact: true }).count(), POLL).toBe(1);
    await expect.poll(() => detail.getByText('停水时间', { exact: true }).count()).toBe(1);
    await expect.poll(() => detail.getByText('社区意见箱', { exact: true }).count()).toBe(1);
    await button(detail, '我已阅读').tap();
    await expect.poll(() => detail.getByText('✓ 您已确认阅读本通知').count(), POLL).toBe(1);
    await screenshot(wang.page, 'bulletins-resident-confirmed');
    await wang.page.goto(appUrl());
    const wangAgain = await feedLoaded(wang.page);
    const readNotice = wangAgain.locator('.bulletin-card', { hasText: title });
    await expect.poll(() => readNotice.count(), POLL).toBe(1);
    await expect.poll(() => readNotice.getByText('未读', { exact: true }).count(), POLL).toBe(0);
    await expect.poll(() => badge(wang.page).count(), POLL).toBe(0);

    // Act 4: 李建国 (翠竹园) does not see it
    await signInAs(li.page, '李建国');
    const liHome = await feedLoaded(li.page);
    await expect.poll(() => liHome.getByText('全部', { exact: false }).count(), POLL).toBeGreaterThan(0);
    expect(await liHome.locator('.bulletin-card', { hasText: title }).count()).toBe(0);
    expect(await liHome.getByText(title).count()).toBe(0);
    await screenshot(li.page, 'bulletins-other-estate-feed');

    // Assess: the figures show one reader
    await editor.page.goto(appUrl(REVIEW));
    const published = await onPage(editor.page, REVIEW);
    await published.getByText('已发布', { exact: true }).first().tap();
    const publishedCard = published.locator('.review__card', { hasText: title });
    await expect.poll(() => publishedCard.count(), POLL).toBe(1);
    await button(publishedCard, '阅读情况').tap();
    const reads = await onPage(editor.page, READS);
    await expect.poll(() => reads.getByText(/^已读 1 人，应读 \d+ 户$/).count(), POLL).toBe(1);
    await expect.poll(() => reads.getByText('3幢', { exact: false }).count(), POLL).toBeGreaterThan(0);
    await expect.poll(() => reads.getByText('未读住户（按网格）').count()).toBe(1);
    await screenshot(editor.page, 'bulletins-reads');

    // Assess: 张丽, grid worker of 春晖苑, reaches the same figures from her workbench to visit the unread homes
    const grid = await newPhone(browser());
    await signInAs(grid.page, '张丽');
    await tapTab(grid.page, '我的');
    await cell(visiblePage(grid.page), '工作台').tap();
    await button(visiblePage(grid.page).locator('.duty', { hasText: '重要通知回访' }), '去办理').tap();
    const list = await onPage(grid.page, '/packages/bulletins-admin/published/index');
    const item = list.locator('.published__item', { hasText: title });
    await expect.poll(() => item.count(), POLL).toBe(1);
    await expect.poll(() => item.getByText('重要', { exact: true }).count()).toBe(1);
    await button(item, '看谁还没读').tap();
    const gridReads = await onPage(grid.page, READS);
    await expect.poll(() => gridReads.getByText(/^已读 1 人，应读 \d+ 户$/).count(), POLL).toBe(1);
    await expect.poll(() => gridReads.getByText('未读住户（按网格）').count()).toBe(1);
    await screenshot(grid.page, 'bulletins-grid-worker-reads');

    for (const phone of [editor, approver, wang, li, grid]) await phone.context.close();
  });
});

describe('the editor on a desktop browser', () => {
  it('shows the form and the live preview side by side, and says what is wrong next to the field', async () => {
    // Prepare: a wide window (a community office PC), still with touch so the shared helpers tap
    const context = await browser().newContext({
      hasTouch: true,
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInAs(page, '赵建华');
    await button(section(visiblePage(page), '公告管理'), '写公告').tap();
    const form = await onPage(page, EDIT);

    // Act: a one-character title and a body with a heading (written with the toolbar)
    await section(form, '标题').locator('input').fill('停');
    const body = bodyEditor(form);
    await body.focusEnd(page);
    await body.type(page, '社区新闻');
    await body.tap('heading');
    await button(form, '保存草稿').tap();

    // Assess: the message sits under the title; the preview is to the right of the form
    await expect.poll(() => section(form, '标题').getByText('标题至少 2 个字').count(), POLL).toBe(1);
    const preview = section(form, '预览');
    await expect.poll(() => preview.getByText('社区新闻', { exact: true }).count(), POLL).toBe(1);
    const formBox = await form.locator('.editor__form').boundingBox();
    const previewBox = await form.locator('.editor__preview').boundingBox();
    expect(previewBox && formBox && previewBox.x > formBox.x + formBox.width - 1).toBe(true);
    await screenshot(page, 'bulletins-editor-desktop');
    await context.close();
  });
});

describe('an issue of 睦邻服务报', () => {
  it('is put together from published newsletter articles and opens on its table of contents', async () => {
    // Prepare: two published 睦邻服务报 articles (written and approved through the API)
    const C = '/v1/communities/chunhui';
    const titles = [`楼道志愿者的一天 ${Date.now() % 100_000}`, `重阳节敬老宴 ${Date.now() % 100_000}`];
    for (const articleTitle of titles) {
      const draft = await call('POST', `${C}/bulletins`, {
        token: await signIn('admin-chunhui'),
        idempotencyKey: newKey(),
        body: {
          title: articleTitle,
          kind: 'newsletter',
          body: '好人好事，邻里互助。',
          audience: { type: 'community' },
        },
      });
      await call('POST', `${C}/bulletins/${draft.body.bulletinId}/submit`, { token: await signIn('admin-chunhui') });
      await call('POST', `${C}/bulletins/${draft.body.bulletinId}/approve`, { token: await signIn('admin2-chunhui') });
    }
    const editor = await newPhone(browser());
    await signInAs(editor.page, '孙梅');

    // Act: choose both in the 已发布 list, name the issue, put it together
    await button(section(visiblePage(editor.page), '公告管理'), '审核和发布').tap();
    const review = await onPage(editor.page, REVIEW);
    await review.getByText('已发布', { exact: true }).first().tap();
    for (const articleTitle of titles)
      await button(review.locator('.review__card', { hasText: articleTitle }), '选入本期').tap();
    const composer = section(review, '编一期睦邻服务报');
    await composer.locator('input').fill('2026年第四季度');
    await choosePhoto(editor.page, button(composer, '选择封面图（可不选）'), 'issue-cover.png');
    await expect.poll(() => composer.locator('.composer__cover').count(), POLL).toBe(1);
    await button(review, '编成一期（2 篇）').tap();

    // Assess: the issue page lists both, in the chosen order; a resident reaches it from the 睦邻服务报 filter
    const issue = await onPage(editor.page, '/packages/bulletins/issue/index');
    await expect.poll(() => issue.getByText('2026年第四季度', { exact: true }).count(), POLL).toBe(1);
    await expect
      .poll(() => issue.locator('.issue__entry').allTextContents(), POLL)
      .toEqual([expect.stringContaining(titles[0] ?? ''), expect.stringContaining(titles[1] ?? '')]);
    // The cover was uploaded to the photo store and comes back from it as a picture
    const cover = issue.locator('.issue__cover img, img.issue__cover').first();
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBe(1);
    await screenshot(editor.page, 'bulletins-newsletter-issue');

    const resident = await newPhone(browser());
    await signInAs(resident.page, '王秀英');
    const home = await feedLoaded(resident.page);
    await home.locator('.chip', { hasText: '睦邻服务报' }).tap();
    await home.locator('.home__issue', { hasText: '2026年第四季度' }).first().tap();
    await onPage(resident.page, '/packages/bulletins/issue/index');
    await resident.context.close();
    await editor.context.close();
  });
});
