import { BusinessRuleError, ValidationError } from '@linli/shared';
/** What the checks need: WeChat's content checks and the photo store. */
export interface ContentDeps {
  photos: { exists(key: string): Promise<boolean>; attach(key: string): Promise<void> };
  wechat: {
    msgSecCheck(i: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<{ pass: boolean }>;
  };
}

/**
 * Photos must be this community's, of the right purpose, and actually uploaded; then they are kept for good
 * (an upload nothing uses expires, clients/photo-store.ts). Kept before the write that uses them: a write that
 * then fails leaves a kept photo nobody shows, never a shown photo that expires.
 */
export async function checkPhotos(
  deps: Pick<ContentDeps, 'photos'>,
  communityId: string,
  keys: readonly string[],
  purposes: readonly string[],
  field: string,
) {
  keys.forEach((key, i) => {
    if (!purposes.some((p) => key.startsWith(`photos/${communityId}/${p}/`)))
      throw new ValidationError([{ field: `${field}.${i}`, message: '照片不属于本社区的反映' }]);
  });
  await keepPhotos(deps, keys, field);
}

/** Photos already known to be the writer's to use: actually uploaded, then kept for good (as `checkPhotos`). */
export async function keepPhotos(
  deps: Pick<ContentDeps, 'photos'>,
  keys: readonly string[],
  field: string | ((i: number) => string),
) {
  const at = (i: number) => (typeof field === 'string' ? `${field}.${i}` : field(i));
  const present = await Promise.all(keys.map((key) => deps.photos.exists(key)));
  const missing = present.indexOf(false);
  if (missing >= 0) throw new ValidationError([{ field: at(missing), message: '照片尚未上传完成，请重新上传' }]);
  await Promise.all(keys.map((key) => deps.photos.attach(key)));
}

const CONTENT_REFUSED = '内容未通过安全检查，请修改后再提交';

/**
 * WeChat's text check, before anything is written. Photos are checked
 * asynchronously after the write (see data/photo-checks.ts), never here.
 */
export async function checkText(
  deps: Pick<ContentDeps, 'wechat'>,
  openid: string | undefined,
  text: { field: string; value: string },
) {
  if (!openid) return;
  const result = await deps.wechat.msgSecCheck({ openid, content: text.value, scene: 1 });
  if (!result.pass)
    throw new BusinessRuleError('CONTENT_REFUSED', CONTENT_REFUSED, [
      { field: text.field, message: '文字含有不当内容' },
    ]);
}
