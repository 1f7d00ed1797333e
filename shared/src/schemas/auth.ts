import * as z from 'zod';
import { Id, IsoTime, RoleSchema } from './common.js';

export const WechatSignInBody = z.object({
  code: z.string({ error: '缺少登录凭证' }).min(1, { error: '登录凭证不能为空' }).max(128, { error: '登录凭证过长' }),
});

export const DevSignInBody = z.object({
  persona: z.string({ error: '请选择演示身份' }).regex(/^[a-z0-9-]{2,40}$/, { error: '演示身份编号不正确' }),
});

export const UserProfile = z.object({
  userId: Id,
  nickname: z.string(),
  createdAt: IsoTime,
});
export type UserProfile = z.infer<typeof UserProfile>;

export const SessionResponse = z.object({
  token: z.string(),
  expiresAt: IsoTime,
  user: UserProfile,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const Persona = z.object({
  persona: z.string(),
  name: z.string(),
  description: z.string(),
  roles: z.array(RoleSchema),
  communityId: Id.nullable(),
});
export type Persona = z.infer<typeof Persona>;

export const PersonasResponse = z.object({ personas: z.array(Persona) });
