// @vitest-environment jsdom
/**
 * Photos in the real weapp build are compressed before they leave the phone:
 * WeChat's compressImage at most 1600 px and quality 80, and the upload ticket
 * is asked with the compressed file's own size and type. A photo that cannot
 * be compressed is refused in Chinese, never sent as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COMMUNITY, HOUSEHOLD } from './fixtures';
import { byClass, type RenderedPage, renderPage, signedIn, tap, type WxRecorder, waitFor } from './harness';

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
function signedInWithCamera(compressedType: string): { recorder: WxRecorder; tickets: unknown[] } {
  const tickets: unknown[] = [];
  const recorder = signedIn({
    routes: (_method, path, body) => {
      if (path === '/v1/me') return ME;
      if (path === '/v1/communities/chunhui') return COMMUNITY;
      if (path === '/v1/communities/chunhui/feedback/similar') return { items: [] };
      if (path === '/v1/uploads') {
        tickets.push(body);
        return TICKET;
      }
      return undefined;
    },
    respond: (api, options) => {
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
        default:
          return undefined;
      }
    },
  });
  recorder.calls.length = 0;
  return { recorder, tickets };
}

/** 添加照片 on the submit page, once it is drawn. */
const addPhotoButton = (p: RenderedPage) => waitFor(() => byClass(p, 'photo-picker__add'));

describe('photos are compressed before upload in WeChat', () => {
  it('compresses a 12-megapixel photo to 1600 px at quality 80 and asks the ticket for the compressed file', async () => {
    // Prepare
    const { recorder, tickets } = signedInWithCamera('jpeg');
    const p = await renderPage('packages/feedback/submit/index', { communityId: 'chunhui' });
    page = p;

    // Act
    tap(p, await addPhotoButton(p));

    // Assess: WeChat chose a compressed photo, then compressed it to the target, both sides given
    await waitFor(() => expect(p.dom.textContent).toContain('已上传'));
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
    const { recorder, tickets } = signedInWithCamera('unknown');
    const p = await renderPage('packages/feedback/submit/index', { communityId: 'chunhui' });
    page = p;

    // Act
    tap(p, await addPhotoButton(p));

    // Assess
    await waitFor(() => expect(p.dom.textContent).toContain('照片处理失败，请换一张'));
    expect(tickets).toEqual([]);
    expect(recorder.calls.some((c) => c.api === 'uploadFile')).toBe(false);
  });
});
