/**
 * Every photo is made small on the device before it is uploaded: at most
 * PHOTO_MAX_EDGE_PX on its long side, re-encoded as a JPEG of quality
 * PHOTO_JPEG_QUALITY. weapp uses WeChat's compressImage; the browser draws
 * the picture on a canvas. The upload then declares the compressed file's
 * own size and type.
 */
import Taro from '@tarojs/taro';
import type { LocalPhoto } from '@/services/api';

/**
 * The compression target. Why: the server checks each photo with WeChat's media_check_async (≤ 10 MB)
 * and people read photos on a phone; 1600 px at quality 0.8 keeps a 12-megapixel photo well under 1 MB.
 */
export const PHOTO_MAX_EDGE_PX = 1600;
export const PHOTO_JPEG_QUALITY = 0.8;

/** The server's limit (UPLOAD_MAX_BYTES beside the zod schemas, which the mini-program does not bundle). */
export const PHOTO_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export const PHOTO_FAILED = '照片处理失败，请换一张';
export const PHOTO_TOO_LARGE = '照片太大（超过 10 MB），请换一张';

/** WeChat's compressImage takes compressedWidth / compressedHeight from base library 2.26.0. */
const SIZED_COMPRESS_SINCE = '2.26.0';

export interface PreparedPhoto {
  photo?: LocalPhoto;
  /** Why this one cannot be sent, in Chinese. */
  problem?: string;
}

/** The size that fits `width` × `height` within `maxEdge` on the long side, keeping the aspect (never larger). */
export function fitWithin(
  width: number,
  height: number,
  maxEdge = PHOTO_MAX_EDGE_PX,
): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** Compresses one picked photo; a failure is a problem to show, never the original sent instead. */
export async function preparePhoto(file: Taro.chooseMedia.ChooseMedia): Promise<PreparedPhoto> {
  let photo: LocalPhoto;
  try {
    photo = process.env.TARO_ENV === 'h5' ? await compressInBrowser(file) : await compressInWeChat(file.tempFilePath);
  } catch (error) {
    console.warn('photo compression failed', error);
    return { problem: PHOTO_FAILED };
  }
  if (photo.size > PHOTO_UPLOAD_MAX_BYTES) return { problem: PHOTO_TOO_LARGE };
  return { photo };
}

// ---------------------------------------------------------------- weapp

const QUARTER_TURNS = new Set(['left', 'right', 'left-mirrored', 'right-mirrored']);

async function compressInWeChat(src: string): Promise<LocalPhoto> {
  const original = await Taro.getImageInfo({ src });
  const quality = Math.round(PHOTO_JPEG_QUALITY * 100);
  if (supportsSizedCompress()) {
    // Both sides given (WeChat's community: one side alone can leave a white band), in the stored pixels' frame.
    const target = fitWithin(original.width, original.height);
    const sized = await Taro.compressImage({
      src,
      quality,
      compressedWidth: target.width,
      compressedHeight: target.height,
    });
    const result = await describe(sized.tempFilePath);
    // Should a client read the sides in the turned frame, the picture would be stretched: then quality only.
    if (sameShape(shown(original), shown(result))) return result.photo;
  }
  const plain = await Taro.compressImage({ src, quality });
  return (await describe(plain.tempFilePath)).photo;
}

interface Described {
  photo: LocalPhoto;
  width: number;
  height: number;
  orientation: string;
}

/** A compressed file's type, size and stored pixel size. */
async function describe(path: string): Promise<Described> {
  const info = await Taro.getImageInfo({ src: path });
  const contentType = ({ jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const)[
    info.type as 'jpeg'
  ];
  if (!contentType) throw new Error(`compressImage gave a ${info.type} file`);
  const size = await fileSize(path);
  if (!size) throw new Error('compressImage gave an empty file');
  return { photo: { path, size, contentType }, width: info.width, height: info.height, orientation: info.orientation };
}

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().getFileInfo({
      filePath,
      success: (res) => resolve(res.size),
      fail: (res) => reject(new Error(res.errMsg)),
    }),
  );
}

/** Width and height as the picture is seen (getImageInfo reports them before the EXIF turn). */
function shown(info: { width: number; height: number; orientation?: string }): { width: number; height: number } {
  return QUARTER_TURNS.has(info.orientation ?? 'up') ? { width: info.height, height: info.width } : info;
}

function sameShape(a: { width: number; height: number }, b: { width: number; height: number }): boolean {
  return Math.abs(a.width / a.height - b.width / b.height) <= 0.02 * (a.width / a.height);
}

function supportsSizedCompress(): boolean {
  let version = '';
  try {
    version = (Taro.getAppBaseInfo?.() ?? Taro.getSystemInfoSync()).SDKVersion ?? '';
  } catch {
    return false;
  }
  return compareVersions(version, SIZED_COMPRESS_SINCE) >= 0;
}

/** Compares dotted versions (`2.26.0`): negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const right = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff) return diff;
  }
  return 0;
}

// ---------------------------------------------------------------- browser

async function compressInBrowser(file: Taro.chooseMedia.ChooseMedia): Promise<LocalPhoto> {
  const original =
    (file as { originalFileObj?: Blob }).originalFileObj ?? (await (await fetch(file.tempFilePath)).blob());
  const picture = await decode(original);
  try {
    const target = fitWithin(picture.width, picture.height);
    const canvas = document.createElement('canvas');
    canvas.width = target.width;
    canvas.height = target.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    // JPEG has no transparency: a PNG's clear parts become white, not black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, target.width, target.height);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(picture.source, 0, 0, target.width, target.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_JPEG_QUALITY));
    if (blob?.type !== 'image/jpeg' || blob.size === 0) throw new Error('the canvas gave no JPEG');
    return { path: URL.createObjectURL(blob), size: blob.size, contentType: 'image/jpeg' };
  } finally {
    picture.close();
  }
}

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close: () => void;
}

/** The picture upright: createImageBitmap applies the EXIF turn; an <img> does too (image-orientation: from-image). */
async function decode(blob: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // Older Safari takes no options: the <img> below.
    }
  }
  const url = URL.createObjectURL(blob);
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  return {
    source: image,
    width: image.naturalWidth,
    height: image.naturalHeight,
    close: () => URL.revokeObjectURL(url),
  };
}
