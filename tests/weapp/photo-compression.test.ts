// @vitest-environment jsdom
/**
 * Photos in the real weapp build are compressed before they leave the phone:
 * WeChat's compressImage at most 1600 px and quality 80, and the upload ticket
 * is asked with the compressed file's own size and type. A photo that cannot
 * be compressed is refused in Chinese, never sent as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COMMUNITY, HOUSEHOLD } from './fixtures';
import { launchApp, nodesOf, type RenderedPage, renderPage, type TaroNode, tap, type WxRecorder } from './harness';

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
  households: [HOUSEHOLD],
};

const TICKET = {
  key: 'feedback/chunhui/p-1.jpg',
  url: 'https://photos.example.cn/linli-photos',
  fields: { key: 'feedback/chunhui/p-1.jpg', 'Content-Type': 'image/jpeg' },
  maxBytes: 10 * 1024 * 1024,
  expiresAt: '2099-01-01T00:00:00.000Z',
  previewUrl: 'https://photos.example.cn/linli-photos/feedback/chunhui/p-1.jpg',
};

/** A 12-megapixel camera photo of 8 MB, and what compressImage makes of it. */
const CAMERA = { path: 'wxfile://tmp/camera.jpg', width: 4000, height: 3000, size: 8_200_000 };
const COMPRESSED = { path: 'wxfile://tmp/compressed.jpg', width: 1600, height: 1200, size: 412_345 };

/** The resident on the submit page; WeChat's file APIs answer for the two files, `compressedType` for the result. */
function signedIn(compressedType: string): { recorder: WxRecorder; tickets: unknown[] } {
  const { recorder } = launchApp();
  recorder.storage.set('linli.privacyConsent', { version: '2026-11-01', agreedAt: '2026-11-01T00:00:00Z' });
  recorder.storage.set('linli.session', {
    token: 'test-token',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { userId: 'u', nickname: '测试', createdAt: '2026-11-01T00:00:00Z' },
  });
  const tickets: unknown[] = [];
  recorder.calls.length = 0;
  recorder.respond = (api, options) => {
    switch (api) {
      case 'chooseMedia':
        return { type: 'image', tempFiles: [{ tempFilePath: CAMERA.path, size: CAMERA.size, fileType: 'image' }] };
      case 'getImageInfo':
        return options.src === CAMERA.path
          ? { width: CAMERA.width, height: CAMERA.height, type: 'jpeg', orientation: 'up', path: CAMERA.path }
          : { width: COMPRESSED.width, height: COMPRESSED.height, type: compressedType, orientation: 'up' };
      case 'compressImage':
        return { tempFilePath: COMPRESSED.path };
      case 'getFileInfo':
        return { size: options.filePath === COMPRESSED.path ? COMPRESSED.size : CAMERA.size };
      case 'uploadFile':
        // Taro attaches the task's progress listener to the promise it returns.
        return { statusCode: 204, data: '', onProgressUpdate: () => undefined };
      case 'request': {
        const path = new URL(String(options.url), 'http://localhost').pathname;
        const ok = (data: unknown) => ({ statusCode: 200, data, header: {} });
        if (path === '/v1/me') return ok(ME);
        if (path === '/v1/communities/chunhui') return ok(COMMUNITY);
        if (path === '/v1/communities/chunhui/feedback/similar') return ok({ items: [] });
        if (path === '/v1/uploads') {
          tickets.push(options.data);
          return ok(TICKET);
        }
        return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有这个地址' } } };
      }
      default:
        return undefined;
    }
  };
  return { recorder, tickets };
}

const classes = (node: TaroNode) => String(node.cl ?? '').split(/\s+/);

function addPhotoButton(p: RenderedPage): TaroNode {
  const node = nodesOf(p).find((n) => classes(n).includes('photo-picker__add'));
  if (!node) throw new Error('no 添加照片 on the submit page');
  return node;
}

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe('photos are compressed before upload in WeChat', () => {
  it('compresses a 12-megapixel photo to 1600 px at quality 80 and asks the ticket for the compressed file', async () => {
    // Prepare
    const { recorder, tickets } = signedIn('jpeg');
    page = await renderPage('packages/feedback/submit/index', { communityId: 'chunhui' });
    await settle();

    // Act
    await tap(page, addPhotoButton(page));
    await settle();

    // Assess: WeChat chose a compressed photo, then compressed it to the target, both sides given
    const chosen = recorder.calls.find((c) => c.api === 'chooseMedia')?.options as { sizeType?: string[] };
    expect(chosen.sizeType).toEqual(['compressed']);
    const compressed = recorder.calls.filter((c) => c.api === 'compressImage').map((c) => c.options);
    expect(compressed).toEqual([
      expect.objectContaining({ src: CAMERA.path, quality: 80, compressedWidth: 1600, compressedHeight: 1200 }),
    ]);
    // The ticket is for the compressed file, which is what goes to the photo store
    expect(tickets).toEqual([
      { communityId: 'chunhui', purpose: 'feedback', contentType: 'image/jpeg', size: COMPRESSED.size },
    ]);
    const uploads = recorder.calls.filter((c) => c.api === 'uploadFile').map((c) => c.options);
    expect(uploads).toEqual([expect.objectContaining({ url: TICKET.url, filePath: COMPRESSED.path, name: 'file' })]);
    expect(page.dom.textContent).toContain('已上传');
  });

  it('refuses a photo it cannot compress, in Chinese, and uploads nothing', async () => {
    // Prepare: compressImage gives back something that is not a JPEG, PNG or WebP
    const { recorder, tickets } = signedIn('unknown');
    page = await renderPage('packages/feedback/submit/index', { communityId: 'chunhui' });
    await settle();

    // Act
    await tap(page, addPhotoButton(page));
    await settle();

    // Assess
    expect(page.dom.textContent).toContain('照片处理失败，请换一张');
    expect(tickets).toEqual([]);
    expect(recorder.calls.some((c) => c.api === 'uploadFile')).toBe(false);
  });
});
