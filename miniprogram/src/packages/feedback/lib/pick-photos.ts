/**
 * Photos from the device, ready to upload: each one compressed on the device
 * (lib/photo.ts: at most 1600 px, JPEG quality 0.8) in both builds.
 */
import Taro from '@tarojs/taro';
import { PHOTO_FAILED, type PreparedPhoto, preparePhoto } from '@/lib/photo';

/**
 * The server's limit (MAX_FEEDBACK_PHOTOS) lives beside the zod schemas,
 * which the mini-program must not bundle; the server checks again.
 */
export const MAX_PHOTOS = 9;

export type PickedPhoto = PreparedPhoto;

/**
 * Lets the person choose up to `count` photos (camera or album); cancelling is no photos.
 * `onChosen` runs once the photos are chosen, while they are being compressed.
 */
export async function pickPhotos(count: number, onChosen?: () => void): Promise<PickedPhoto[]> {
  let files: Taro.chooseMedia.ChooseMedia[];
  try {
    const res = await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sizeType: ['compressed'],
      // In the browser one source opens the file chooser directly (the phone still offers its camera there).
      sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
    });
    files = res.tempFiles ?? [];
  } catch {
    return [];
  }
  // Taro's H5 chooser drops the files the browser cannot show (e.g. HEIC in Chrome) and succeeds with none.
  if (files.length === 0) return process.env.TARO_ENV === 'h5' ? [{ problem: PHOTO_FAILED }] : [];
  onChosen?.();
  void Taro.showLoading({ title: '正在处理照片', mask: true }).catch(() => undefined);
  try {
    // One at a time: a few 12-megapixel photos decoded at once can exhaust an old phone's memory.
    const prepared: PickedPhoto[] = [];
    for (const file of files.slice(0, count)) prepared.push(await preparePhoto(file));
    return prepared;
  } finally {
    void Promise.resolve(Taro.hideLoading()).catch(() => undefined);
  }
}
