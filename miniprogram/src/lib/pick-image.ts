/** One picture chosen by an editor (a bulletin's cover or image, a reward's photo), uploaded to the photo store. */
import Taro from '@tarojs/taro';
import { ApiError, api, type LocalPhoto, type PhotoPurpose } from '@/services/api';

const TYPES: Record<string, LocalPhoto['contentType']> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export interface PickedImage {
  key: string;
  /** To show before the bulletin is saved (a temp path or blob: URL). */
  previewPath: string;
}

/** Lets the editor choose a picture and uploads it; null when they cancel. Throws ApiError with a Chinese message. */
export async function pickAndUploadImage(
  communityId: string,
  purpose: Extract<PhotoPurpose, 'bulletin' | 'reward'>,
): Promise<PickedImage | null> {
  let file: Taro.chooseMedia.ChooseMedia | undefined;
  try {
    file = (await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })).tempFiles[0];
  } catch {
    return null;
  }
  if (!file) return null;
  const mime = (file as { originalFileObj?: Blob }).originalFileObj?.type;
  const contentType =
    (mime ? Object.values(TYPES).find((t) => t === mime) : undefined) ??
    TYPES[file.tempFilePath.split('?')[0]?.split('.').pop()?.toLowerCase() ?? ''] ??
    'image/jpeg';
  if (file.size > UPLOAD_MAX_BYTES) throw new ApiError(0, 'IMAGE_TOO_LARGE', '图片太大（超过 10 MB），请换一张');
  const key = await api.uploadPhoto(
    communityId,
    purpose,
    { path: file.tempFilePath, size: file.size, contentType },
    () => undefined,
  );
  return { key, previewPath: file.tempFilePath };
}
