// @vitest-environment jsdom
/**
 * The bulletin edit page of the real weapp build offers what the server
 * allows on the bulletin (`allowedActions`), as the review page does: a
 * submitted notice its author may edit gets 保存草稿 with word that it goes
 * back to draft and needs review again, and 提交审核 only once the saved
 * draft allows it; a published one gets 保存修改; a withdrawn one nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COMMUNITY, checkedFixtures, SUBMITTED_BULLETIN } from './fixtures';
import { classesOf, nodesOf, type RenderedPage, renderPage, signedIn, tap, tappable, textOf, waitFor } from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const ME = {
  user: { userId: 'u-zhao', nickname: '赵建华', createdAt: '2026-11-01T00:00:00Z' },
  memberships: [
    {
      communityId: 'chunhui',
      communityName: '春晖社区',
      roles: ['admin'],
      gridIds: [],
      stationIds: [],
      household: null,
    },
  ],
  households: [],
};

const ANSWERS = checkedFixtures({
  // The edit sent it back to draft: now its author may submit it again.
  'PUT /v1/communities/{communityId}/bulletins/{bulletinId}': {
    ...SUBMITTED_BULLETIN,
    status: 'draft',
    statusLabel: '草稿',
    version: 3,
    allowedActions: ['edit', 'submit'],
  },
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/submit': {
    ...SUBMITTED_BULLETIN,
    version: 4,
  },
});
const PUBLISHED = {
  ...SUBMITTED_BULLETIN,
  status: 'published',
  statusLabel: '已发布',
  publishedAt: '2026-11-24T00:00:00.000Z',
  allowedActions: ['edit', 'withdraw'],
};
const WITHDRAWN = { ...SUBMITTED_BULLETIN, status: 'withdrawn', statusLabel: '已撤回', allowedActions: [] };

const PATH = '/v1/communities/chunhui/bulletins/b-water';

/** 赵建华 on the edit page of his notice, as the server holds it (`bulletin`). */
async function openEdit(bulletin: unknown) {
  const recorder = signedIn({
    user: ME.user,
    routes: (method, path) => {
      if (path === '/v1/me') return ME;
      if (path === '/v1/communities/chunhui') return COMMUNITY;
      if (path === PATH && method === 'GET') return bulletin;
      if (path === PATH && method === 'PUT') return ANSWERS['PUT /v1/communities/{communityId}/bulletins/{bulletinId}'];
      if (path === `${PATH}/submit`) return ANSWERS['POST /v1/communities/{communityId}/bulletins/{bulletinId}/submit'];
      return undefined;
    },
  });
  const p = await renderPage('packages/bulletins-admin/edit/index', { communityId: 'chunhui', bulletinId: 'b-water' });
  page = p;
  await waitFor(() => expect(p.dom.textContent).toContain('状态：'));
  return { p, recorder };
}

/** The labels of the page's buttons that save or submit the text. */
const savingButtons = (p: RenderedPage) =>
  nodesOf(p)
    .filter((n) => classesOf(n).includes('nut-button'))
    .map(textOf)
    .filter((label) => ['保存草稿', '保存修改', '提交审核'].includes(label));

/** The API writes the page made, as `METHOD path`. */
const writes = (recorder: ReturnType<typeof signedIn>) =>
  recorder.calls
    .filter((c) => c.api === 'request')
    .map((c) => c.options as { method?: string; url: string })
    .filter((o) => (o.method ?? 'GET') !== 'GET')
    .map((o) => `${o.method} ${new URL(o.url, 'http://localhost').pathname}`);

describe('the bulletin edit page, with the server’s allowed actions', () => {
  it('offers 保存草稿 on a submitted notice, saying it goes back to draft and needs review again', async () => {
    // Prepare / Act
    const { p } = await openEdit(SUBMITTED_BULLETIN);

    // Assess: edit is allowed, submit is not (it is already submitted)
    const text = p.dom.textContent ?? '';
    expect(text).toContain('状态：待审核');
    expect(text).toContain('修改保存后会回到「草稿」，需要重新提交审核');
    expect(savingButtons(p)).toEqual(['保存草稿']);
  });

  it('saves the submitted notice as a draft, then offers 提交审核 as the saved draft allows', async () => {
    // Prepare
    const { p, recorder } = await openEdit(SUBMITTED_BULLETIN);

    // Act
    tap(p, tappable(p, '保存草稿', 'nut-button'));

    // Assess: one PUT with the version read, no submit; the page says where the notice is now
    await waitFor(() => expect(p.dom.textContent).toContain('已保存，公告回到「草稿」，需要重新提交审核'));
    expect(writes(recorder)).toEqual([`PUT ${PATH}`]);
    const put = recorder.calls.find((c) => c.api === 'request' && (c.options as { method?: string }).method === 'PUT');
    expect(put?.options).toMatchObject({ data: { version: 2 } });
    expect(p.dom.textContent).toContain('状态：草稿');
    await waitFor(() => expect(savingButtons(p)).toEqual(['提交审核', '保存草稿']));

    // Act: and on to review again
    tap(p, tappable(p, '提交审核', 'nut-button'));

    // Assess
    await waitFor(() => expect(p.dom.textContent).toContain('已提交审核'));
    expect(writes(recorder)).toEqual([`PUT ${PATH}`, `PUT ${PATH}`, `POST ${PATH}/submit`]);
  });

  it('offers 保存修改 on a published notice, saying residents see the new text at once', async () => {
    const { p } = await openEdit(PUBLISHED);
    expect(p.dom.textContent).toContain('保存后居民马上看到新内容，旧内容保留为历史版本');
    expect(savingButtons(p)).toEqual(['保存修改']);
  });

  it('offers no save on a withdrawn notice, whose allowed actions have no edit', async () => {
    const { p } = await openEdit(WITHDRAWN);
    expect(p.dom.textContent).toContain('这条公告现在不能修改');
    expect(savingButtons(p)).toEqual([]);
  });
});
