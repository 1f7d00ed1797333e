/**
 * Departments and co-building units (部门报到): accounts of their own with a
 * service area, a queue of what was dispatched to them, and the street
 * office's desk of escalated cases ("吹哨").
 */
import * as z from 'zod';
import { UNIT_KINDS, UNIT_ROLES } from '../roles.js';
import { Cursor, Id, Limit } from './common.js';

export const UnitPath = z.object({ unitId: Id });

export const Unit = z.object({
  unitId: Id,
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  kindLabel: z.string(),
  streetId: Id,
  /** Its service area: the communities that may dispatch to it. */
  communities: z.array(z.object({ communityId: Id, name: z.string() })),
});
export type Unit = z.infer<typeof Unit>;
export const UnitList = z.object({ items: z.array(Unit) });

/** A role in a unit, as /v1/me lists it (the unit's queue). */
export const UnitMembership = z.object({
  unitId: Id,
  unitName: z.string(),
  roles: z.array(z.enum(UNIT_ROLES)),
});
export type UnitMembership = z.infer<typeof UnitMembership>;

/** A unit's queue: what is still to do (open), or what it finished (done). */
export const UnitQueueQuery = z.object({
  status: z.enum(['open', 'done'], { error: '状态须为 open 或 done' }).default('open'),
  cursor: Cursor,
  limit: Limit,
});

export const UnitFeedbackPath = z.object({ unitId: Id, communityId: Id, reportId: Id });
export const StreetFeedbackPath = z.object({ streetId: Id, communityId: Id, reportId: Id });

/** The street's desk: escalated cases waiting for it to dispatch them, oldest first. */
export const StreetEscalationsQuery = z.object({ cursor: Cursor, limit: Limit });

/** A unit's account as the street office keeps it: its name, kind and service area (communities of the street). */
export const StreetUnitPath = z.object({ streetId: Id, unitId: Id });
export const UnitBody = z
  .object({
    name: z
      .string({ error: '请填写单位名称' })
      .trim()
      .min(2, { error: '单位名称至少 2 个字' })
      .max(30, { error: '单位名称最多 30 个字' }),
    kind: z.enum(UNIT_KINDS, { error: '单位类型须为 department、utility、school、hospital 或 co_building' }),
    communityIds: z
      .array(Id, { error: '请选择服务的社区' })
      .min(1, { error: '请至少选择一个服务的社区' })
      .max(100, { error: '最多 100 个社区' })
      .refine((ids) => new Set(ids).size === ids.length, { error: '社区不能重复' }),
  })
  .strict();
export type UnitBody = z.infer<typeof UnitBody>;

/** A code the street gives a unit's staff to join it (加入单位): 8 letters and digits, valid 7 days, for any of them. */
export const UnitInvite = z.object({ code: z.string(), unitId: Id, unitName: z.string(), expiresAt: z.string() });
export const JoinUnitBody = z
  .object({
    code: z
      .string({ error: '请填写邀请码' })
      .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9]{8}$/, { error: '邀请码为 8 位字母和数字' })),
  })
  .strict();

/** One of a unit's codes in the street's path (its revocation, 撤销). */
export const UnitInvitePath = z.object({ streetId: Id, unitId: Id, code: Id });
/** The unit's codes still good (not past, not revoked), newest first; `uses`: how many times one was redeemed. */
export const UnitInviteList = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      createdAt: z.string(),
      expiresAt: z.string(),
      /** Who made it (the street admin's name). */
      createdBy: z.string(),
      uses: z.number().int(),
    }),
  ),
});
export type UnitInviteList = z.infer<typeof UnitInviteList>;

export const UnitMemberPath = z.object({ streetId: Id, unitId: Id, userId: Id });
export const UnitMemberList = z.object({ items: z.array(z.object({ userId: Id, name: z.string() })) });
