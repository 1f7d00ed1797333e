/** One picture chosen by an editor (a bulletin's cover or image, a reward's photo), uploaded to the photo store. */
import Taro from '@tarojs/taro';
import { ApiError, api, type LocalPhoto, type PhotoPurpose } from '@/services/api';
import { PHOTO_FAILED, preparePhoto } from './photo';

export interface PickedImage {
  key: string;
  /** To show before the bulletin is saved (a temp path or blob: URL). */
  previewPath: string;
}

/**
 * Lets the editor choose a picture, compresses it (lib/photo.ts) and uploads it; null when they cancel.
 * Throws ApiError with a Chinese message.
 */
export function pickAndUploadImage(
  communityId: string,
  purpose: Extract<PhotoPurpose, 'bulletin' | 'reward'>,
): Promise<PickedImage | null> {
  return pickAndUpload((photo) => api.uploadPhoto(communityId, purpose, photo, () => undefined));
}

/** The same for a street bulletin's picture, uploaded under the street (street admins). */
export function pickAndUploadStreetImage(streetId: string): Promise<PickedImage | null> {
  return pickAndUpload((photo) => api.uploadStreetPhoto(streetId, photo, () => undefined));
}

async function pickAndUpload(upload: (photo: LocalPhoto) => Promise<string>): Promise<PickedImage | null> {
  let file: Taro.chooseMedia.ChooseMedia | undefined;
  try {
    file = (await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })).tempFiles?.[0];
  } catch {
    return null;
  }
  // Taro's H5 chooser drops a file the browser cannot show (e.g. HEIC in Chrome) and succeeds with none.
  if (!file) {
    if (process.env.TARO_ENV === 'h5') throw new ApiError(0, 'PHOTO_NOT_USABLE', PHOTO_FAILED);
    return null;
  }
  void Taro.showLoading({ title: '正在处理照片', mask: true }).catch(() => undefined);
  const prepared = await preparePhoto(file).finally(
    () => void Promise.resolve(Taro.hideLoading()).catch(() => undefined),
  );
  if (!prepared.photo) throw new ApiError(0, 'PHOTO_NOT_USABLE', prepared.problem ?? PHOTO_FAILED);
  const key = await upload(prepared.photo);
  return { key, previewPath: prepared.photo.path };
}
