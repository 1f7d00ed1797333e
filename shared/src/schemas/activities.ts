import * as z from 'zod';
import { Cursor, Id, IsoTime, Limit, page } from './common.js';

const Clock = z
  .string({ error: '须为 HH:MM 格式' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间须为 HH:MM 格式' });
/** An activity may run until midnight: 24:00. */
const EndClock = z
  .string({ error: '须为 HH:MM 格式' })
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: '时间须为 HH:MM 格式（最晚 24:00）' });
const ShanghaiDate = z
  .string({ error: '须为 YYYY-MM-DD 格式' })
  .regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期须为 YYYY-MM-DD 格式' })
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: '没有这一天' });
const int = (min: number, max: number, unit: string) =>
  z
    .number({ error: '必须是数字' })
    .int({ error: '必须是整数' })
    .min(min, { error: `不能小于 ${min}${unit}` })
    .max(max, { error: `不能大于 ${max}${unit}` });

/** What every activity is: its title, time, place, points and places. */
const ActivityFields = z.object({
  title: z
    .string({ error: '请填写活动名称' })
    .trim()
    .min(2, { error: '至少 2 个字' })
    .max(30, { error: '最多 30 个字' }),
  description: z.string({ error: '须为文字' }).trim().max(500, { error: '最多 500 个字' }).default(''),
  /** Shanghai date and wall-clock times. */
  date: ShanghaiDate,
  startTime: Clock,
  endTime: EndClock,
  place: z
    .string({ error: '请填写活动地点' })
    .trim()
    .min(2, { error: '至少 2 个字' })
    .max(50, { error: '最多 50 个字' }),
  points: int(1, 500, ' 分'),
  capacity: int(1, 500, ' 人'),
});

const endsAfterStart = (ctx: { value: { startTime: string; endTime: string }; issues: unknown[] }) => {
  if (ctx.value.endTime <= ctx.value.startTime)
    ctx.issues.push({ code: 'custom', input: ctx.value.endTime, path: ['endTime'], message: '结束时间须晚于开始时间' });
};

export const CreateActivityBody = ActivityFields.extend({
  /** A staff member of the community who runs it: shows the check-in code, confirms attendance. */
  organiserId: Id,
})
  .strict()
  .check(endsAfterStart);
export type CreateActivityBody = z.infer<typeof CreateActivityBody>;

export const ActivityPath = z.object({ communityId: Id, activityId: Id });

/**
 * A co-building unit's volunteer post (部门报到): in one community of its service area; the member who
 * publishes it organises it, and any member of the unit runs it.
 */
export const CreateUnitActivityBody = ActivityFields.extend({ communityId: Id }).strict().check(endsAfterStart);
export type CreateUnitActivityBody = z.infer<typeof CreateUnitActivityBody>;
/** One of a unit's posts, through the unit's door. */
export const UnitActivityPath = z.object({ unitId: Id, communityId: Id, activityId: Id });
export const ActivityListQuery = z.object({
  when: z.enum(['upcoming', 'past'], { error: '须为 upcoming 或 past' }).default('upcoming'),
  cursor: Cursor,
  limit: Limit,
});

export const Activity = z.object({
  activityId: Id,
  communityId: Id,
  title: z.string(),
  description: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  place: z.string(),
  points: z.number().int(),
  capacity: z.number().int(),
  signedUp: z.number().int(),
  organiser: z.object({ userId: Id, name: z.string() }),
  /** The co-building unit that posted it (长河实验小学 发布), or null for the community's own. */
  unit: z.object({ unitId: Id, name: z.string() }).nullable(),
  phase: z.enum(['upcoming', 'ongoing', 'ended']),
  phaseLabel: z.string(),
  /** The caller's sign-up, check-in and credit; null when they have not signed up. */
  mine: z.object({ signedUpAt: IsoTime, checkedInAt: IsoTime.nullable(), attendedAt: IsoTime.nullable() }).nullable(),
});
export type Activity = z.infer<typeof Activity>;
export const ActivityPage = page(Activity);

export const CheckinCode = z.object({
  /** A signed token (activity, community, expiry) the organiser shows as a QR code; residents scan it to check in. */
  code: z.string(),
  expiresAt: IsoTime,
  refreshAfterSeconds: z.number().int(),
});

export const CheckinBody = z
  .object({
    checkinCode: z.string({ error: '请扫描组织者的签到码' }).min(20, { error: '签到码不完整' }).max(2000),
  })
  .strict();

export const Signup = z.object({
  userId: Id,
  name: z.string(),
  signedUpAt: IsoTime,
  checkedInAt: IsoTime.nullable(),
  attendedAt: IsoTime.nullable(),
  creditedPoints: z.number().int().nullable(),
});
export type Signup = z.infer<typeof Signup>;
export const SignupList = z.object({ items: z.array(Signup) });

export const AttendanceBody = z
  .object({
    userIds: z
      .array(Id, { error: '请选择参加的居民' })
      .min(1, { error: '请选择参加的居民' })
      .max(100, { error: '一次最多 100 人' })
      .refine((ids) => new Set(ids).size === ids.length, { error: '居民重复' }),
  })
  .strict();
export type AttendanceBody = z.infer<typeof AttendanceBody>;

/** The confirmed attendees asked about, as they stand now: a repeated confirmation reads the same. */
export const AttendanceResult = z.object({
  activityId: Id,
  items: z.array(Signup),
  /** How many of them this request credited (0 on a repeat). */
  creditedNow: z.number().int(),
});
