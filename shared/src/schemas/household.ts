import * as z from 'zod';
import { HOUSEHOLD_DECISIONS, ROOM_PATTERN, ROOM_RULE } from '../households.js';
import { HOUSEHOLD_RELATIONS, HOUSEHOLD_STATUSES } from '../labels.js';
import { Cursor, Id, IsoTime, Limit, page } from './common.js';

export const HouseholdStatusSchema = z.enum(HOUSEHOLD_STATUSES, { error: '状态须为 pending、approved 或 rejected' });

export const RequestHouseholdBody = z
  .object({
    estateId: Id,
    buildingId: Id,
    unit: z
      .number({ error: '单元须为数字' })
      .int({ error: '单元须为整数' })
      .min(1, { error: '单元至少为 1' })
      .max(30, { error: '单元最多为 30' }),
    room: z.string({ error: '请填写门牌号' }).trim().regex(ROOM_PATTERN, { error: ROOM_RULE }),
    /** How the applicant relates to the home; shown to the admin who checks it. */
    relation: z.enum(HOUSEHOLD_RELATIONS, { error: '请选择与房屋的关系' }),
  })
  .strict();
export type RequestHouseholdBody = z.infer<typeof RequestHouseholdBody>;

export const RejectHouseholdBody = z
  .object({
    reason: z
      .string({ error: '请填写原因' })
      .trim()
      .min(2, { error: '原因至少 2 个字' })
      .max(100, { error: '原因最多 100 个字' }),
  })
  .strict();

/** One decision on a binding request: who approved or refused it, when and why. */
export const HouseholdDecision = z.object({
  action: z.enum(HOUSEHOLD_DECISIONS),
  actionLabel: z.string(),
  byName: z.string(),
  at: IsoTime,
  reason: z.string().nullable(),
});
export type HouseholdDecision = z.infer<typeof HouseholdDecision>;

export const Household = z.object({
  householdId: Id,
  communityId: Id,
  userId: Id,
  applicantName: z.string(),
  estateId: Id,
  buildingId: Id,
  unit: z.number().int(),
  room: z.string(),
  relation: z.enum(HOUSEHOLD_RELATIONS),
  /** Human-readable address, e.g. 春晖苑 3幢 2单元 502. */
  address: z.string(),
  status: HouseholdStatusSchema,
  requestedAt: IsoTime,
  decidedAt: IsoTime.nullable(),
  decidedBy: Id.nullable(),
  rejectReason: z.string().nullable(),
  /** The decisions on this request, oldest first, each written with the change it made. */
  decisions: z.array(HouseholdDecision),
});
export type Household = z.infer<typeof Household>;

export const HouseholdPath = z.object({ communityId: Id, householdId: Id });

/** By status (pending oldest first, decided newest first), or the approved homes of one building by unit and room. */
export const HouseholdListQuery = z
  .object({
    status: HouseholdStatusSchema.default('pending'),
    buildingId: Id.optional(),
    cursor: Cursor,
    limit: Limit,
  })
  .refine((q) => !q.buildingId || q.status === 'approved', {
    path: ['status'],
    message: '按楼栋只能查看已通过的住户（status=approved）',
  });

export const HouseholdPage = page(Household);
