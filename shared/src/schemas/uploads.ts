import * as z from 'zod';
import { Id, IsoTime } from './common.js';

export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** What WeChat's image check takes (jpg, png; not WebP): the app compresses every photo to a JPEG first. */
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;

export const CreateUploadBody = z
  .object({
    communityId: Id,
    purpose: z.enum(['feedback', 'proof', 'bulletin', 'reward'], { error: '用途不正确' }),
    contentType: z.enum(UPLOAD_CONTENT_TYPES, { error: '只能上传 JPG 或 PNG 图片' }),
    size: z
      .number({ error: '须为数字' })
      .int({ error: '须为整数' })
      .min(1, { error: '文件是空的' })
      .max(UPLOAD_MAX_BYTES, { error: '图片不能超过 10 MB' }),
  })
  .strict();
export type CreateUploadBody = z.infer<typeof CreateUploadBody>;

/** A street admin's upload of one picture for a street bulletin (the street is the path's; the purpose is `bulletin`). */
export const CreateStreetUploadBody = CreateUploadBody.omit({ communityId: true, purpose: true }).strict();
export type CreateStreetUploadBody = z.infer<typeof CreateStreetUploadBody>;

/** A presigned POST: the device sends the file straight to the photo store. */
export const UploadTicket = z.object({
  key: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  maxBytes: z.number().int(),
  expiresAt: IsoTime,
  /** Presigned GET for showing the photo once uploaded. */
  previewUrl: z.string(),
});
export type UploadTicket = z.infer<typeof UploadTicket>;
