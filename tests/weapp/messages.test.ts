// @vitest-environment jsdom
/**
 * 消息 in the real weapp build, with a signed-in resident and the API answered
 * from fixtures (its own file: the app keeps the session it read first): the
 * list marks unread messages in words, a tap marks it read and opens its page,
 * 我的 carries the count on its tab badge and its 消息 entry, and an empty
 * list says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HOUSEHOLD } from './fixtures';
import { nodesOf, type RenderedPage, renderPage, signedIn, tap, tappable, textOf, waitFor } from './harness';

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
      roles: ['resident'],
      gridIds: [],
      stationIds: [],
      household: HOUSEHOLD,
    },
  ],
  streets: [],
  units: [],
  households: [HOUSEHOLD],
};

const LINK = 'packages/feedback/detail/index?communityId=chunhui&reportId=r1';
const MESSAGES = [
  {
    messageId: 'm2',
    kind: 'feedback_status',
    title: '您的反映已办结，请确认',
    body: '环境卫生：春晖苑 3幢 2单元。已清理。请查看处理结果并确认。',
    link: LINK,
    communityId: 'chunhui',
    createdAt: '2026-12-01T23:08:00.000Z',
    read: false,
  },
  {
    messageId: 'm1',
    kind: 'points_credited',
    title: '积分到账 20 分',
    body: '纸板 2 公斤，春晖党群服务站。',
    link: null,
    communityId: 'chunhui',
    createdAt: '2026-11-30T02:00:00.000Z',
    read: true,
  },
];

/** The server's side: the messages and what has been marked read. */
const server = { items: MESSAGES.map((m) => ({ ...m })), reads: [] as unknown[] };
const unreadOnServer = () => server.items.filter((m) => !m.read).length;

function signedInWithMessages() {
  return signedIn({
    user: ME.user,
    routes: (method, path, body, url) => {
      if (path === '/v1/me') return ME;
      if (method === 'GET' && path === '/v1/me/messages') {
        const limit = Number(url.searchParams.get('limit') ?? 20);
        return { items: server.items.slice(0, limit), cursor: null, unread: unreadOnServer() };
      }
      if (method === 'POST' && path === '/v1/me/messages/read') {
        server.reads.push(body);
        const ids = (body as { ids?: string[] }).ids ?? server.items.map((m) => m.messageId);
        for (const m of server.items) if (ids.includes(m.messageId)) m.read = true;
        return { unread: unreadOnServer() };
      }
      return undefined;
    },
  });
}

describe('消息 in WeChat', () => {
  it('shows 我的 with the unread count on its tab badge and its 消息 entry', async () => {
    // Prepare
    const recorder = signedInWithMessages();

    // Act
    const mine = await renderPage('pages/mine/index');
    page = mine;

    // Assess: the badge on 我的 (tab index 3) and the entry say 1
    const badge = () => recorder.calls.filter((c) => c.api === 'setTabBarBadge').at(-1)?.options;
    await waitFor(() => expect(badge()).toMatchObject({ index: 3, text: '1' }));
    await waitFor(() => expect(tappable(mine, '消息', 'nut-cell').cn?.map(textOf).join('')).toContain('1 条未读'));
  });

  it('marks unread messages with a dot and 未读, opens a message’s report and marks it read', async () => {
    // Prepare
    const recorder = signedInWithMessages();
    const list = await renderPage('pages/messages/index');
    page = list;

    // Assess: newest first, times in the app's style, the unread one marked in words
    await waitFor(() => expect(list.dom.textContent).toContain('1 条未读'));
    const text = page.dom.textContent ?? '';
    expect(text).toContain('1 条未读');
    expect(text.indexOf('您的反映已办结，请确认')).toBeLessThan(text.indexOf('积分到账 20 分'));
    expect(text).toContain('2026年12月2日 07:08');
    expect(text).toContain('2026年11月30日 10:00');
    const unread = tappable(page, '您的反映已办结，请确认', 'message-card');
    expect(String(unread.cl)).toContain('message-card--unread');
    expect(textOf(unread)).toContain('未读');
    expect(nodesOf(page).filter((n) => String(n.cl ?? '').includes('message-card__dot'))).toHaveLength(1);
    expect(String(tappable(page, '积分到账 20 分', 'message-card').cl)).not.toContain('message-card--unread');

    // Act
    tap(page, unread);

    // Assess: marked read on the server by id, the report opened, the card shown read
    await waitFor(() => expect(list.dom.textContent).toContain('没有未读消息'));
    expect(server.reads).toEqual([{ ids: ['m2'] }]);
    const opened = recorder.calls.filter((c) => c.api === 'navigateTo').at(-1)?.options as { url?: string };
    expect(opened?.url).toBe(`/${LINK}`);
    expect(String(tappable(page, '您的反映已办结，请确认', 'message-card').cl)).not.toContain('message-card--unread');
    expect(page.dom.textContent).toContain('没有未读消息');
  });

  it('says 暂无消息, and why, when there are none', async () => {
    // Prepare
    signedInWithMessages();
    server.items = [];

    // Act
    const list = await renderPage('pages/messages/index');
    page = list;

    // Assess
    await waitFor(() => expect(list.dom.textContent).toContain('暂无消息'));
    const text = page.dom.textContent ?? '';
    expect(text).toContain('暂无消息');
    expect(text).toContain('会在这里告诉您');
    expect(text).not.toContain('全部已读');
  });
});
