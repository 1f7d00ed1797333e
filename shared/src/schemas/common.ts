import * as z from 'zod';
import { ROLES } from '../roles.js';

export const RoleSchema = z.enum(ROLES);

/** Ids are short, URL-safe slugs: seeded ones are readable, new ones time-sortable. */
export const Id = z
  .string({ error: '必须是文字' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, { error: '编号格式不正确' });

export const IsoTime = z.iso.datetime({ offset: true, error: '时间格式不正确' });

export const Cursor = z.string().max(1024, { error: '分页标记过长' }).optional();

export const Limit = z.coerce
  .number({ error: '必须是数字' })
  .int({ error: '必须是整数' })
  .min(1, { error: '至少为 1' })
  .max(100, { error: '最多为 100' })
  .default(20);

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), cursor: z.string().nullable() });
}

/** `Idempotency-Key` header: what makes a double tap or a retry one effect. */
export const IdempotencyKey = z
  .string({ error: '缺少 Idempotency-Key 请求头' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'Idempotency-Key 须为 8–64 位字母、数字、- 或 _' });

export const CommunityPath = z.object({ communityId: Id });

export const NoContent = z.null();
