// @vitest-environment jsdom
/**
 * The bulletin pages of the real weapp build: the two subpackages in app.json,
 * the main package still under budget, and the pages rendered by WeChat's own
 * WXML compiler with a signed-in person and the API answered from fixtures.
 */

import { shanghaiDate } from '@linli/shared/rules';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMUNITY, HOUSEHOLD } from './fixtures';
import {
  nodesOf,
  type RenderedPage,
  readAppJson,
  renderPage,
  signedIn,
  sizeOf,
  tap,
  tappable,
  textOf,
  WEAPP_DIR,
  waitFor,
} from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const ME = {
  user: { userId: 'u-wang', nickname: '王秀英', createdAt: '2026-11-01T00:00:00Z' },
  memberships: [
    {
      communityId: 'chunhui',
      communityName: '春晖社区',
      roles: ['resident', 'admin'],
      gridIds: [],
      stationIds: [],
      household: HOUSEHOLD,
    },
  ],
  households: [HOUSEHOLD],
};

const COMMUNITY_TWO_ESTATES = {
  ...COMMUNITY,
  estates: [...COMMUNITY.estates, { estateId: 'cuizhu-yuan', name: '翠竹园' }],
};

const BULLETIN = {
  bulletinId: 'b-water',
  communityId: 'chunhui',
  title: '春晖苑停水通知',
  kind: 'notice',
  kindLabel: '通知',
  coverUrl: null,
  blocks: [
    { type: 'heading', level: 2, text: '停水时间' },
    { type: 'paragraph', inlines: [{ text: '周六 9:00–15:00', bold: true }, { text: ' 全区停水。' }] },
    {
      type: 'list',
      ordered: false,
      items: [[{ text: '请提前储水' }], [{ text: '意见箱', link: '/pages/feedback/index' }]],
    },
  ],
  source: null,
  audience: { type: 'estates', estateIds: ['chunhui-yuan'] },
  important: true,
  pinned: false,
  publishAt: null,
  publishedAt: '2026-11-23T01:00:00.000Z',
  status: 'published',
  statusLabel: '已发布',
  revision: 1,
  version: 3,
  authorName: '赵建华',
  approverName: '孙梅',
  readCount: 0,
  readByMe: false,
  activityId: null,
  issueId: null,
  createdAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T01:00:00.000Z',
};

const FEED_ITEM = {
  bulletinId: 'b-water',
  title: '春晖苑停水通知',
  kind: 'notice',
  kindLabel: '通知',
  coverUrl: null,
  excerpt: '周六 9:00–15:00 全区停水。',
  important: true,
  pinned: true,
  publishedAt: '2026-11-23T01:00:00.000Z',
  read: false,
};

/** Signs the simulated person in and answers the API from fixtures. */
function signedInAsWang() {
  const routes: Record<string, unknown> = {
    '/v1/me': ME,
    '/v1/communities/chunhui': COMMUNITY_TWO_ESTATES,
    '/v1/communities/chunhui/bulletins': { items: [FEED_ITEM], cursor: null },
    '/v1/communities/chunhui/bulletins/unread': { unread: 1, importantUnread: 1 },
    '/v1/communities/chunhui/bulletins/b-water': BULLETIN,
  };
  return signedIn({ user: ME.user, routes: (_method, path) => routes[path] });
}

describe('the bulletin subpackages in app.json', () => {
  it('declares bulletins (reader) and bulletins-admin (editors) with built pages, outside the main package', () => {
    const app = readAppJson();
    const byName = Object.fromEntries((app.subPackages ?? []).map((p) => [p.name, p]));
    expect(byName.bulletins).toEqual({
      root: 'packages/bulletins',
      name: 'bulletins',
      pages: ['detail/index', 'issue/index'],
    });
    expect(byName['bulletins-admin']?.pages).toEqual(['edit/index', 'review/index', 'reads/index', 'published/index']);
    expect(app.pages).toContain('pages/home/index');
  });

  it('keeps the main package under 1 MB', () => {
    const app = readAppJson();
    const main = sizeOf(
      WEAPP_DIR,
      (app.subPackages ?? []).map((p) => p.root),
    );
    const bulletins = sizeOf(`${WEAPP_DIR}/packages/bulletins`);
    const editors = sizeOf(`${WEAPP_DIR}/packages/bulletins-admin`);
    console.log(`weapp main ${main} B, packages/bulletins ${bulletins} B, packages/bulletins-admin ${editors} B`);
    expect(main).toBeLessThan(1024 * 1024);
  });
});

describe('signed in, with the API answering from fixtures', () => {
  it('首页 lists the notice and puts the unread count on the tab', async () => {
    const recorder = signedInAsWang();
    const home = await renderPage('pages/home/index');
    page = home;
    await waitFor(() => expect(home.dom.textContent).toContain('春晖苑停水通知'));
    const text = page.dom.textContent ?? '';
    expect(text).toContain('春晖苑停水通知');
    expect(text).toContain('睦邻服务报');
    expect(text).toContain('置顶');
    // the unread count arrives after the feed: wait for it
    const badge = () => recorder.calls.filter((c) => c.api === 'setTabBarBadge').at(-1)?.options;
    await expect.poll(badge, { timeout: 3000 }).toMatchObject({ index: 0, text: '1' });
  });

  it('the bulletin page draws its blocks natively, asks “我已阅读” and offers a WeChat share', async () => {
    signedInAsWang();
    const detail = await renderPage('packages/bulletins/detail/index', {
      communityId: 'chunhui',
      bulletinId: 'b-water',
    });
    page = detail;
    await waitFor(() => expect(detail.dom.textContent).toContain('春晖苑停水通知'));
    const text = page.dom.textContent ?? '';
    expect(text).toContain('春晖苑停水通知');
    expect(text).toContain('停水时间');
    expect(text).toContain('请提前储水');
    expect(text).toContain('我已阅读');
    expect(text).toContain('转发给微信好友');
    expect(page.dom.innerHTML).not.toContain('rich-text');
    expect(nodesOf(page).some((n) => Object.values(n).includes('share'))).toBe(true);
  });

  it('the editor page shows its Chinese form and live preview', async () => {
    signedInAsWang();
    const editor = await renderPage('packages/bulletins-admin/edit/index', { communityId: 'chunhui' });
    page = editor;
    await waitFor(() => expect(editor.dom.textContent).toContain('发给谁看'));
    const text = page.dom.textContent ?? '';
    expect(text).toContain('发给谁看');
    expect(text).toContain('重要通知');
    expect(text).toContain('预览');
    expect(text).toContain('提交审核');
  });

  it('the editor picks a publish time on NutUI’s date wheels, tomorrow to begin with', async () => {
    signedInAsWang();
    const editor = await renderPage('packages/bulletins-admin/edit/index', { communityId: 'chunhui' });
    page = editor;
    tap(editor, await waitFor(() => tappable(editor, '定时发布', 'chip')));
    const tomorrow = shanghaiDate(new Date(Date.now() + 86_400_000));
    const date = await waitFor(() => tappable(editor, `日期：${tomorrow}`, 'editor__picker'));
    expect(textOf(tappable(editor, '时间：', 'editor__picker'))).toBe('时间：08:00');

    // Act: open the date wheels and confirm what they show
    tap(editor, date);
    const confirm = await waitFor(() => tappable(editor, '确认', 'nut-picker-confirm-btn'));
    expect(editor.dom.textContent).toContain('发布日期');
    tap(editor, confirm);

    // Assess: what the wheels gave back is the same day, as the draft's publish date
    await waitFor(() => expect(textOf(tappable(editor, '日期：', 'editor__picker'))).toBe(`日期：${tomorrow}`));
  });
});
