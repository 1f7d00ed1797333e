/**
 * Photos from the device, ready to upload: compressed by WeChat (sizeType
 * compressed) in weapp, by a canvas in the browser when they are large.
 */
import Taro from '@tarojs/taro';
import type { LocalPhoto } from '@/services/api';

/**
 * The server's limits (UPLOAD_MAX_BYTES, MAX_FEEDBACK_PHOTOS) live beside the
 * zod schemas, which the mini-program must not bundle; the server checks again.
 */
export const MAX_PHOTOS = 9;
const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const TYPES: Record<string, LocalPhoto['contentType']> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** Browser photos above this are redrawn smaller before they leave the device. */
const COMPRESS_ABOVE_BYTES = 1024 * 1024;
const MAX_EDGE_PX = 1600;

export interface PickedPhoto {
  photo?: LocalPhoto;
  /** Why this one cannot be sent (too large, not a photo). */
  problem?: string;
}

/** Lets the person choose up to `count` photos (camera or album); cancelling is no photos. */
export async function pickPhotos(count: number): Promise<PickedPhoto[]> {
  let files: Taro.chooseMedia.ChooseMedia[];
  try {
    const res = await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sizeType: ['compressed'],
      // In the browser one source opens the file chooser directly (the phone still offers its camera there).
      sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
    });
    files = res.tempFiles;
  } catch {
    return [];
  }
  return Promise.all(files.slice(0, count).map(prepare));
}

async function prepare(file: Taro.chooseMedia.ChooseMedia): Promise<PickedPhoto> {
  const original = (file as { originalFileObj?: Blob }).originalFileObj;
  let photo: LocalPhoto | undefined = {
    path: file.tempFilePath,
    size: file.size,
    contentType: contentTypeOf(original?.type, file.tempFilePath) ?? 'image/jpeg',
  };
  if (original && !contentTypeOf(original.type, '')) return { problem: '只能上传 JPG、PNG 或 WebP 照片' };
  if (process.env.TARO_ENV === 'h5' && photo.size > COMPRESS_ABOVE_BYTES) photo = (await shrink(photo)) ?? photo;
  if (photo.size > UPLOAD_MAX_BYTES) return { problem: '照片太大（超过 10 MB），请换一张' };
  return { photo };
}

function contentTypeOf(mime: string | undefined, path: string): LocalPhoto['contentType'] | undefined {
  if (mime) return Object.values(TYPES).find((t) => t === mime);
  return TYPES[path.split('?')[0]?.split('.').pop()?.toLowerCase() ?? ''];
}

/** Browser only: redraws a photo at most 1600 px on its long edge as a JPEG. */
async function shrink(photo: LocalPhoto): Promise<LocalPhoto | undefined> {
  try {
    const image = new Image();
    image.src = photo.path;
    await image.decode();
    const scale = Math.min(1, MAX_EDGE_PX / Math.max(image.naturalWidth, image.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    canvas.getContext('2d')?.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    if (!blob || blob.size >= photo.size) return undefined;
    return { path: URL.createObjectURL(blob), size: blob.size, contentType: 'image/jpeg' };
  } catch {
    return undefined;
  }
}
