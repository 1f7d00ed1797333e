// @vitest-environment jsdom
/**
 * The feedback pages of the real weapp build with a signed-in person and the
 * API answered from fixtures (its own file: the app keeps the session it read
 * first). The figures draw as SVG images, the CSV goes to the clipboard, and
 * the submit tap asks WeChat for the report's three message consents and
 * reports the accepted ones to the server before the report goes out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COMMUNITY, HOUSEHOLD } from './fixtures';
import {
  Answer,
  classesOf,
  nodesOf,
  type RenderedPage,
  renderPage,
  type SignedInOptions,
  signedIn,
  tap,
  tappable,
  typeInto,
  waitFor,
} from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const figures = (received: number, resolved: number) => ({
  received,
  accepted: received,
  resolved,
  rectificationRate: received ? resolved / received : null,
  onTimeRate: resolved ? 1 : null,
  medianHoursToResolve: resolved ? 2.5 : null,
  averageSatisfaction: resolved ? 4.5 : null,
  ratedByResident: resolved,
  averageResidentRating: resolved ? 4.5 : null,
  ratedAtFollowUp: 0,
  averageFollowUpRating: null,
  autoConfirmed: 0,
  overdueNow: 0,
});

const STATS = {
  communityId: 'chunhui',
  from: '2026-11',
  to: '2026-11',
  generatedAt: '2026-11-23T08:00:00.000Z',
  totals: figures(3, 2),
  byCategory: [
    { category: 'drain', label: '下水堵塞', ...figures(2, 2) },
    { category: 'lighting', label: '路灯照明', ...figures(1, 0) },
  ],
  byGrid: [{ gridId: 'chunhui-g1', name: '第一网格', ...figures(3, 2) }],
  byUnit: [],
  byMonth: [{ month: '2026-11', ...figures(3, 2) }],
};
/** What /v1/me/subscriptions answers: no message of any template left to send. */
const REMAINING = {
  feedback_accepted: 0,
  feedback_resolved: 0,
  feedback_reply: 0,
  feedback_task: 0,
  pickup_reminder: 0,
};
const CSV = '\uFEFF类别,受理,办结\r\n下水堵塞,2,2\r\n';

function me(role: 'admin' | 'resident') {
  return {
    user: { userId: `u-${role}`, nickname: role === 'admin' ? '赵建华' : '王秀英', createdAt: '2026-11-01T00:00:00Z' },
    memberships: [
      {
        communityId: 'chunhui',
        communityName: '春晖社区',
        roles: [role],
        gridIds: [],
        stationIds: [],
        household: role === 'resident' ? HOUSEHOLD : null,
      },
    ],
    households: role === 'resident' ? [HOUSEHOLD] : [],
  };
}

/** Signed in, with the API answered from `routes`; WeChat grants two of the three report templates. */
function withConsents(routes: SignedInOptions['routes']) {
  return signedIn({
    routes,
    respond: (api) =>
      api === 'requestSubscribeMessage'
        ? { 'local-feedback-accepted': 'accept', 'local-feedback-resolved': 'accept', 'local-feedback-reply': 'reject' }
        : undefined,
  });
}

const textarea = (p: RenderedPage) => {
  const node = nodesOf(p).find((n) => String(n.cl ?? '').includes('nut-textarea-textarea'));
  if (!node) throw new Error('no description field on the submit page');
  return node;
};

/** 下水堵塞 chosen, the problem described: the submit page ready for 提交反映. */
async function describeDrain(p: RenderedPage): Promise<void> {
  tap(p, tappable(p, '下水堵塞', 'chip'));
  await waitFor(() => expect(classesOf(tappable(p, '下水堵塞', 'chip'))).toContain('chip--chosen'));
  await typeInto(p, () => textarea(p), '3幢2单元楼下的下水道堵了');
}

describe('signed in, with the API answering from fixtures', () => {
  it('draws the figures as an SVG image and copies the CSV to the clipboard', async () => {
    // Prepare
    const recorder = withConsents((_method, path) => {
      if (path === '/v1/me') return me('admin');
      if (path === '/v1/communities/chunhui') return COMMUNITY;
      if (path === '/v1/communities/chunhui/stats/feedback') return STATS;
      if (path === '/v1/communities/chunhui/stats/feedback.csv') return CSV;
      return undefined;
    });

    // Act
    const p = await renderPage('packages/admin/stats/index', { communityId: 'chunhui' });
    page = p;

    // Assess: the totals and an SVG picture of the categories, as an image source WeChat takes
    await waitFor(() => expect(p.dom.textContent).toContain('66.7%'));
    const text = page.dom.textContent ?? '';
    expect(text).toContain('春晖社区意见箱统计');
    expect(text).toContain('66.7%');
    const sources = nodesOf(page)
      .flatMap((n) => Object.values(n))
      .filter((v): v is string => typeof v === 'string' && v.startsWith('data:image/svg+xml'));
    expect(sources.length).toBe(2);
    expect(sources[0]?.startsWith('data:image/svg+xml;charset=utf-8,%3Csvg')).toBe(true);
    expect(decodeURIComponent(sources[0] ?? '')).toContain('下水堵塞');
    expect(decodeURIComponent(sources[1] ?? '')).toContain('第一网格');

    // Act: the export button of the weapp build
    tap(page, tappable(page, '复制 CSV 到剪贴板', 'nut-button'));

    // Assess: the CSV text (without its byte-order mark) is on the clipboard
    const copied = await waitFor(() => {
      const call = recorder.calls.find((c) => c.api === 'setClipboardData');
      if (!call) throw new Error('nothing was copied');
      return call.options as { data?: string };
    });
    expect(copied?.data).toBe('类别,受理,办结\r\n下水堵塞,2,2\r\n');
  });

  it('asks WeChat for the report’s message consents on the submit tap and reports the accepted ones', async () => {
    // Prepare: a resident of 春晖苑 3幢; the API files the report it is sent and counts the grants
    const sent: Record<string, unknown>[] = [];
    const grants: unknown[] = [];
    const recorder = withConsents((method, path, body) => {
      if (path === '/v1/me') return me('resident');
      if (method === 'POST' && path === '/v1/me/subscriptions') {
        grants.push(body);
        return { remaining: { ...REMAINING, feedback_accepted: 1, feedback_resolved: 1 } };
      }
      if (path === '/v1/communities/chunhui') return COMMUNITY;
      if (path === '/v1/communities/chunhui/feedback/similar') return { items: [] };
      if (method === 'POST' && path === '/v1/communities/chunhui/feedback') {
        sent.push(body as Record<string, unknown>);
        return { reportId: 'r-new-1' };
      }
      return undefined;
    });
    const p = await renderPage('packages/feedback/submit/index', { communityId: 'chunhui' });
    page = p;
    await waitFor(() => expect(p.dom.textContent).toContain('已按您绑定的房屋填好'));

    // Act: choose the category, describe the problem, tap 提交反映
    await describeDrain(p);
    tap(p, tappable(p, '提交反映', 'nut-button'));
    await waitFor(() => expect(recorder.calls.some((c) => c.api === 'redirectTo')).toBe(true));

    // Assess: consent was asked for the build's three report templates, the accepted two were reported,
    // then the report went out (consent no longer travels with it)
    const asked = recorder.calls.find((c) => c.api === 'requestSubscribeMessage')?.options as
      | { tmplIds?: string[] }
      | undefined;
    expect(asked?.tmplIds).toEqual(['local-feedback-accepted', 'local-feedback-resolved', 'local-feedback-reply']);
    expect(grants).toEqual([{ accepted: ['feedback_accepted', 'feedback_resolved'] }]);
    const posts = recorder.calls
      .filter((c) => c.api === 'request' && (c.options as { method?: string }).method === 'POST')
      .map((c) => new URL(String((c.options as { url?: string }).url)).pathname);
    expect(posts).toEqual(['/v1/me/subscriptions', '/v1/communities/chunhui/feedback']);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      category: 'drain',
      description: '3幢2单元楼下的下水道堵了',
      location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2 },
      channel: 'app',
    });
    expect(sent[0]).not.toHaveProperty('subscriptions');
    const request = recorder.calls.find(
      (c) =>
        c.api === 'request' &&
        (c.options as { method?: string }).method === 'POST' &&
        String((c.options as { url?: string }).url).endsWith('/v1/communities/chunhui/feedback'),
    )?.options as { header?: Record<string, string> };
    expect(request.header?.['Idempotency-Key']).toMatch(/^[A-Za-z0-9]{32}$/);
    const redirect = recorder.calls.find((c) => c.api === 'redirectTo')?.options as { url?: string } | undefined;
    expect(redirect?.url).toBe('/packages/feedback/detail/index?communityId=chunhui&reportId=r-new-1');
  });

  it('sends the report again, with the same Idempotency-Key, when the server answers 503 BUSY', async () => {
    // Prepare: DynamoDB stays busy for the first try of the report
    let tries = 0;
    const recorder = withConsents((method, path) => {
      if (path === '/v1/me') return me('resident');
      if (path === '/v1/communities/chunhui') return COMMUNITY;
      if (path === '/v1/communities/chunhui/feedback/similar') return { items: [] };
      if (path === '/v1/me/subscriptions') return { remaining: REMAINING };
      if (method === 'POST' && path === '/v1/communities/chunhui/feedback')
        return ++tries === 1
          ? new Answer(503, { error: { code: 'BUSY', message: '系统繁忙，请稍后再试' } }, { 'Retry-After': '1' })
          : { reportId: 'r-busy-1' };
      return undefined;
    });
    const p = await renderPage('packages/feedback/submit/index', { communityId: 'chunhui' });
    page = p;
    await waitFor(() => expect(p.dom.textContent).toContain('已按您绑定的房屋填好'));
    const before = recorder.calls.length;
    // Act
    await describeDrain(p);
    tap(p, tappable(p, '提交反映', 'nut-button'));
    // The app waits out Retry-After (1 s) before the second try
    await waitFor(() => expect(recorder.calls.slice(before).some((c) => c.api === 'redirectTo')).toBe(true));
    // Assess: two tries, one key, and the resident lands on the report, never on 系统繁忙
    const keys = recorder.calls
      .slice(before)
      .filter(
        (c) =>
          c.api === 'request' &&
          String((c.options as { url?: string }).url).endsWith('/v1/communities/chunhui/feedback'),
      )
      .map((c) => (c.options as { header?: Record<string, string> }).header?.['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    const redirect = recorder.calls.slice(before).find((c) => c.api === 'redirectTo')?.options as
      | { url?: string }
      | undefined;
    expect(redirect?.url).toBe('/packages/feedback/detail/index?communityId=chunhui&reportId=r-busy-1');
    expect(page.dom.textContent).not.toContain('系统繁忙');
  });

  it('draws the busy button’s spinner while the report is on its way (NutUI icons as views, not <i>)', async () => {
    // Prepare: the same resident; the API takes its time with the report
    const recorder = withConsents((_method, path) => {
      if (path === '/v1/me') return me('resident');
      if (path === '/v1/communities/chunhui') return COMMUNITY;
      if (path === '/v1/communities/chunhui/feedback/similar') return { items: [] };
      if (path === '/v1/me/subscriptions') return { remaining: REMAINING };
      return undefined;
    });
    const isReport = (options: Record<string, unknown>) =>
      options.method === 'POST' && String(options.url).endsWith('/v1/communities/chunhui/feedback');
    recorder.hold = (api, options) => api === 'request' && isReport(options);
    const p = await renderPage('packages/feedback/submit/index', { communityId: 'chunhui' });
    page = p;
    await waitFor(() => expect(p.dom.textContent).toContain('已按您绑定的房屋填好'));

    // Act
    await describeDrain(p);
    tap(p, tappable(p, '提交反映', 'nut-button'));

    // Assess: the report is out, and the button shows WeChat a spinner it can draw
    await waitFor(() =>
      expect(recorder.calls.some((c) => c.api === 'request' && isReport(c.options as Record<string, unknown>))).toBe(
        true,
      ),
    );
    const spinner = await waitFor(() => {
      const found = nodesOf(p).find((n) => String(n.cl ?? '').includes('nut-icon-Loading'));
      expect(found).toBeDefined();
      return found;
    });
    expect(spinner).toBeDefined();
    expect(spinner?.nn).not.toBe('i');
    expect(page.dom.innerHTML).toContain('nut-icon-Loading');
    recorder.hold = undefined;
  });
});
