// @vitest-environment jsdom
/**
 * The review page of the real weapp build shows exactly what the server
 * allows the viewer (`allowedActions`), nothing worked out on the page: the
 * author of a submitted bulletin gets 撤回 and no 通过, a second admin gets 通过.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PRIVACY_GUIDE_VERSION } from '../../miniprogram/src/services/privacy-version';
import { ADMIN_ME, COMMUNITY } from './fixtures';
import { launchApp, nodesOf, type RenderedPage, renderPage, type TaroNode, tap, type WxRecorder } from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const ME = ADMIN_ME;

function submitted(bulletinId: string, title: string, authorName: string, allowedActions: string[]) {
  return {
    bulletinId,
    communityId: 'chunhui',
    title,
    kind: 'notice',
    kindLabel: '通知',
    coverUrl: null,
    coverKey: null,
    blocks: [{ type: 'paragraph', inlines: [{ text: '周六 9:00–15:00 全区停水。' }] }],
    source: '周六 9:00–15:00 全区停水。',
    audience: { type: 'community' },
    important: false,
    pinned: false,
    publishAt: null,
    publishedAt: null,
    status: 'submitted',
    statusLabel: '待审核',
    revision: 1,
    version: 2,
    authorName,
    approverName: null,
    rejectReason: null,
    decisions: [],
    allowedActions,
    readCount: 0,
    readByMe: false,
    activityId: null,
    issueId: null,
    createdAt: '2026-11-23T00:00:00.000Z',
    updatedAt: '2026-11-23T01:00:00.000Z',
  };
}

// As the server answers 赵建华: his own notice he may withdraw but not approve; 孙梅's he may approve.
const OWN = submitted('b-own', '春晖苑停水通知', '赵建华', ['edit', 'reject', 'withdraw']);
const OTHERS = submitted('b-other', '翠竹园消防演练通知', '孙梅', ['edit', 'approve', 'reject', 'withdraw']);

function signedIn(): WxRecorder {
  const { recorder } = launchApp();
  recorder.storage.set('linli.privacyConsent', { version: PRIVACY_GUIDE_VERSION, agreedAt: '2026-11-01T00:00:00Z' });
  recorder.storage.set('linli.session', { token: 'test-token', expiresAt: '2099-01-01T00:00:00.000Z', user: ME.user });
  recorder.respond = (api, options) => {
    if (api === 'showModal') return { confirm: true, cancel: false };
    if (api !== 'request') return undefined;
    const path = new URL(String(options.url), 'http://localhost').pathname;
    const ok = (data: unknown) => ({ statusCode: 200, data, header: {} });
    if (path === '/v1/me') return ok(ME);
    if (path === '/v1/communities/chunhui') return ok(COMMUNITY);
    if (path === '/v1/communities/chunhui/bulletins/manage') return ok({ items: [OWN, OTHERS], cursor: null });
    if (path === '/v1/communities/chunhui/bulletins/b-own/withdraw')
      return ok({ ...OWN, status: 'withdrawn', statusLabel: '已撤回', version: 3, allowedActions: [] });
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有这个地址' } } };
  };
  return recorder;
}

const classes = (node: TaroNode) => String(node.cl ?? '').split(/\s+/);
const textOf = (node: TaroNode): string =>
  (typeof node.v === 'string' ? node.v : '') + (node.cn ?? []).map(textOf).join('');
const descendants = (node: TaroNode): TaroNode[] => (node.cn ?? []).flatMap((c) => [c, ...descendants(c)]);

function card(p: RenderedPage, title: string): TaroNode {
  const found = nodesOf(p).find((n) => classes(n).includes('review__card') && textOf(n).includes(title));
  if (!found) throw new Error(`no card “${title}” on the page`);
  return found;
}
/** The labels of a card's buttons, in order. */
const buttons = (c: TaroNode) =>
  descendants(c)
    .filter((n) => classes(n).includes('nut-button'))
    .map(textOf);

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the review page, with the server’s allowed actions', () => {
  it('offers the author 撤回 and no 通过 on their own submitted notice, and 通过 on another admin’s', async () => {
    // Prepare
    signedIn();
    // Act
    page = await renderPage('packages/bulletins-admin/review/index', { communityId: 'chunhui' });
    await settle();
    // Assess
    const p = page;
    await expect.poll(() => buttons(card(p, OWN.title)), { timeout: 3000 }).toEqual(['查看', '修改', '退回', '撤回']);
    expect(buttons(card(p, OTHERS.title))).toEqual(['查看', '修改', '通过', '退回', '撤回']);
  });

  it('withdraws the author’s submitted notice after asking, and then offers nothing more on it', async () => {
    // Prepare
    const recorder = signedIn();
    page = await renderPage('packages/bulletins-admin/review/index', { communityId: 'chunhui' });
    await settle();
    const p = page;
    await expect.poll(() => buttons(card(p, OWN.title)).includes('撤回'), { timeout: 3000 }).toBe(true);
    const withdraw = descendants(card(p, OWN.title)).find(
      (n) => classes(n).includes('nut-button') && textOf(n) === '撤回',
    ) as TaroNode;
    // Act
    await tap(p, withdraw);
    await settle();
    // Assess
    expect(recorder.calls.find((c) => c.api === 'showModal')?.options).toMatchObject({ title: '撤回公告' });
    const sent = recorder.calls.filter(
      (c) => c.api === 'request' && String((c.options as { url: string }).url).endsWith('/b-own/withdraw'),
    );
    expect(sent.map((c) => (c.options as { method: string }).method)).toEqual(['POST']);
    await expect.poll(() => textOf(card(p, OWN.title)), { timeout: 3000 }).toContain('已撤回');
    expect(buttons(card(p, OWN.title))).toEqual(['查看']);
  });
});
