// @vitest-environment jsdom
/**
 * The bulletin editor of the real weapp build: WeChat's own `editor` component
 * driven by the toolbar through its EditorContext (found with createSelectorQuery
 * once the editor is ready). Each button calls the context method that makes
 * the format; a picture is compressed, uploaded and inserted with its caption.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ME, COMMUNITY } from './fixtures';
import {
  byClass,
  classesOf,
  fire,
  nodesOf,
  type RenderedPage,
  renderPage,
  signedIn,
  tap,
  tappable,
  typeInto,
  type WxRecorder,
  waitFor,
} from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const ME = ADMIN_ME;

const KEY = 'photos/chunhui/bulletin/2026-11/p1.jpg';
const TICKET = {
  key: KEY,
  url: 'https://photos.example.cn/linli-photos',
  fields: { key: KEY, 'Content-Type': 'image/jpeg' },
  maxBytes: 10 * 1024 * 1024,
  expiresAt: '2099-01-01T00:00:00.000Z',
  previewUrl: `https://photos.example.cn/linli-photos/${KEY}`,
};
const CAMERA = { path: 'wxfile://tmp/pump.jpg', width: 1200, height: 900, size: 300_000 };
const COMPRESSED = { path: 'wxfile://tmp/pump-small.jpg', width: 1200, height: 900, size: 200_000 };

/** Every call the page makes on the editor's context, in order. */
interface EditorCall {
  method: string;
  args: unknown[];
}

/** An EditorContext that records each call and answers like WeChat's (getContents gives `html`). */
function fakeEditor(calls: EditorCall[], html: () => string) {
  return new Proxy(
    {},
    {
      get:
        (_target, method: string) =>
        (...args: unknown[]) => {
          calls.push({ method, args });
          const options = (args[0] ?? {}) as { success?: (res: unknown) => void };
          if (typeof options === 'object') options.success?.(method === 'getContents' ? { html: html() } : {});
        },
    },
  );
}

type Routes = (method: string, path: string) => unknown;

/** A community admin's API, answered from fixtures. */
const COMMUNITY_ADMIN: { user: typeof ME.user; routes: Routes } = {
  user: ME.user,
  routes: (_method, path) => {
    if (path === '/v1/me') return ME;
    if (path === '/v1/communities/chunhui') return COMMUNITY;
    if (path === '/v1/communities/chunhui/bulletins/manage') return { items: [], cursor: null };
    if (path === '/v1/uploads') return TICKET;
    return undefined;
  },
};

const STREET_KEY = 'photos/streets/changhe/bulletin/2026-12/s1.jpg';
/** A street admin (of 长河街道 alone, in no community): the street's calls, its pictures' tickets under the street. */
const STREET_ADMIN: { user: typeof ME.user; routes: Routes } = {
  user: { userId: 'u-qian', nickname: '钱志远', createdAt: '2026-11-01T00:00:00Z' },
  routes: (method, path) => {
    if (path === '/v1/me')
      return {
        user: STREET_ADMIN.user,
        memberships: [],
        streets: [{ streetId: 'changhe', streetName: '长河街道', roles: ['street_admin'] }],
        units: [],
        households: [],
      };
    if (path === '/v1/me/messages') return { items: [], cursor: null, unread: 0 };
    if (path === '/v1/streets/changhe/bulletins/audience')
      return {
        streetId: 'changhe',
        name: '长河街道',
        communities: [
          { communityId: 'chunhui', name: '春晖社区' },
          { communityId: 'fengqiao', name: '枫桥社区' },
        ],
      };
    if (method === 'POST' && path === '/v1/streets/changhe/uploads')
      return {
        ...TICKET,
        key: STREET_KEY,
        fields: { key: STREET_KEY, 'Content-Type': 'image/jpeg' },
        previewUrl: `https://photos.example.cn/linli-photos/${STREET_KEY}`,
      };
    return undefined;
  },
};

/** An editor on the editor page, the API and WeChat's file APIs answered from fixtures. */
function signedInAsEditor(who = COMMUNITY_ADMIN): { recorder: WxRecorder; editorCalls: EditorCall[] } {
  const recorder = signedIn({
    user: who.user,
    routes: who.routes,
    respond: (api, options) => {
      switch (api) {
        case 'chooseMedia':
          return { type: 'image', tempFiles: [{ tempFilePath: CAMERA.path, size: CAMERA.size, fileType: 'image' }] };
        case 'getImageInfo':
          return options.src === CAMERA.path
            ? { width: CAMERA.width, height: CAMERA.height, type: 'jpeg', orientation: 'up', path: CAMERA.path }
            : { width: COMPRESSED.width, height: COMPRESSED.height, type: 'jpeg', orientation: 'up' };
        case 'compressImage':
          return { tempFilePath: COMPRESSED.path };
        case 'getFileInfo':
          return { size: options.filePath === COMPRESSED.path ? COMPRESSED.size : CAMERA.size };
        case 'uploadFile':
          return { statusCode: 204, data: '', onProgressUpdate: () => undefined };
        default:
          return undefined;
      }
    },
  });
  const editorCalls: EditorCall[] = [];
  recorder.calls.length = 0;
  const editor = fakeEditor(editorCalls, () => '<p>停水</p>');
  recorder.contexts = (selector) => (selector === '#bulletin-body-editor' ? editor : null);
  return { recorder, editorCalls };
}

/** The editor page with WeChat's editor reporting ready, as it does once it is drawn. */
async function openEditor(
  at: { page: string; query: Record<string, string>; who: typeof COMMUNITY_ADMIN } = {
    page: 'packages/bulletins-admin/edit/index',
    query: { communityId: 'chunhui' },
    who: COMMUNITY_ADMIN,
  },
): Promise<{ p: RenderedPage; recorder: WxRecorder; editorCalls: EditorCall[] }> {
  const { recorder, editorCalls } = signedInAsEditor(at.who);
  const p = await renderPage(at.page, at.query);
  page = p;
  const editor = await waitFor(() => {
    const found = nodesOf(p).find((n) => n.uid === 'bulletin-body-editor' || n.id === 'bulletin-body-editor');
    if (!found) throw new Error('the edit page has no WeChat editor');
    return found;
  });
  // WeChat reports the event with the element's id, which is the one the page gave it.
  fire(p, { ...editor, sid: String(editor.uid) }, 'ready');
  await waitFor(() => expect(recorder.calls.some((c) => c.api === 'SelectorQuery.context')).toBe(true));
  return { p, recorder, editorCalls };
}

describe('the bulletin editor’s toolbar in WeChat', () => {
  it('draws WeChat’s editor with the five tools and no markup to type', async () => {
    const { p, recorder } = await openEditor();
    const text = p.dom.textContent ?? '';
    for (const label of ['标题', '加粗', '列表', '链接', '图片']) expect(text).toContain(label);
    expect(text).not.toContain('**加粗**');
    expect(p.dom.innerHTML).toContain('<wx-editor');
    // The page found the editor's context by its id once the editor was ready
    expect(recorder.calls).toContainEqual({
      api: 'SelectorQuery.context',
      options: { selector: '#bulletin-body-editor' },
    });
  });

  it('makes a heading, bold text and a list through the EditorContext', async () => {
    // Prepare
    const { p, editorCalls } = await openEditor();

    // Act
    const formatted = () => editorCalls.filter((c) => c.method === 'format').map((c) => c.args);
    tap(p, byClass(p, 'body-editor__tool--heading'));
    await waitFor(() => expect(formatted()).toHaveLength(1));
    tap(p, byClass(p, 'body-editor__tool--bold'));
    await waitFor(() => expect(formatted()).toHaveLength(2));
    tap(p, byClass(p, 'body-editor__tool--list'));

    // Assess: the formats WeChat's editor knows, in the order tapped; the content is read back after each
    await waitFor(() => expect(formatted()).toEqual([['header', '2'], ['bold'], ['list', 'bullet']]));
    await waitFor(() => expect(editorCalls.filter((c) => c.method === 'getContents').length).toBeGreaterThanOrEqual(3));
  });

  it('inserts an uploaded picture with its caption and its photo key', async () => {
    // Prepare
    const { p, recorder, editorCalls } = await openEditor();
    tap(p, byClass(p, 'body-editor__tool--image'));
    // NutUI's input inside the sheet, known by its placeholder
    const caption = () => {
      const found = nodesOf(p).find(
        (n) => classesOf(n).includes('nut-input-native') && Object.values(n).some((v) => v === '例如：检修后的水泵房'),
      );
      if (!found) throw new Error('the picture sheet has no caption field');
      return found;
    };
    await typeInto(p, caption, '检修后的水泵房');

    // Act
    tap(p, tappable(p, '选择图片并插入', 'nut-button'));
    await waitFor(() => expect(editorCalls.some((c) => c.method === 'insertImage')).toBe(true));

    // Assess: compressed and uploaded first, then inserted from the device's copy with the caption and the key
    expect(recorder.calls.some((c) => c.api === 'uploadFile')).toBe(true);
    const inserted = editorCalls.filter((c) => c.method === 'insertImage').map((c) => c.args[0]);
    expect(inserted).toEqual([
      expect.objectContaining({ src: COMPRESSED.path, alt: '检修后的水泵房', data: { key: KEY } }),
    ]);
  });

  it('gives the street editor the same 图片 tool, its picture uploaded under the street', async () => {
    // Prepare: the street's editor page, built from the community editor's parts
    const { p, recorder, editorCalls } = await openEditor({
      page: 'packages/street/bulletin-edit/index',
      query: { streetId: 'changhe' },
      who: STREET_ADMIN,
    });
    const text = p.dom.textContent ?? '';
    for (const label of ['标题', '加粗', '列表', '链接', '图片']) expect(text).toContain(label);
    expect(text).not.toContain('不带图片');

    // Act
    tap(p, byClass(p, 'body-editor__tool--image'));
    const choose = await waitFor(() => tappable(p, '选择图片并插入', 'nut-button'));
    tap(p, choose);
    await waitFor(() => expect(editorCalls.some((c) => c.method === 'insertImage')).toBe(true));

    // Assess: the ticket came from the street's upload route, never the community's; the street's key is inserted
    const asked = recorder.calls
      .filter((c) => c.api === 'request')
      .map((c) => new URL(String((c.options as { url: string }).url)).pathname);
    expect(asked).toContain('/v1/streets/changhe/uploads');
    expect(asked).not.toContain('/v1/uploads');
    expect(recorder.calls.some((c) => c.api === 'uploadFile')).toBe(true);
    const inserted = editorCalls.filter((c) => c.method === 'insertImage').map((c) => c.args[0]);
    expect(inserted).toEqual([expect.objectContaining({ src: COMPRESSED.path, data: { key: STREET_KEY } })]);
  });
});
