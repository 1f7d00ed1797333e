/** What community admins send and read to run the points: catalog and stock, adjustments, held weigh-ins, figures. */
import * as z from 'zod';
import { Cursor, Id, IsoTime, Limit, page } from './common.js';
import { Reward } from './points.js';
import { FeedbackStatsQuery } from './stats.js';

const signedInt = (limit: number, unit: string) =>
  z
    .number({ error: '必须是数字' })
    .int({ error: '必须是整数' })
    .min(-limit, { error: `不能小于 -${limit}${unit}` })
    .max(limit, { error: `不能大于 ${limit}${unit}` })
    .refine((n) => n !== 0, { error: '不能为 0' });
const Reason = z
  .string({ error: '请填写原因' })
  .trim()
  .min(2, { error: '至少 2 个字' })
  .max(100, { error: '最多 100 个字' });

export const RewardBody = z
  .object({
    name: z.string({ error: '请填写名称' }).trim().min(1, { error: '名称不能为空' }).max(20, { error: '最多 20 个字' }),
    description: z.string({ error: '须为文字' }).trim().max(100, { error: '最多 100 个字' }).default(''),
    pointsCost: z
      .number({ error: '必须是数字' })
      .int({ error: '必须是整数' })
      .min(1, { error: '至少 1 分' })
      .max(100_000, { error: '最多 100000 分' }),
    /** A key from `POST /v1/uploads` with purpose `reward`, or null for no picture. */
    imageKey: z.string({ error: '须为图片编号' }).max(300).nullable().default(null),
    /** How many one resident may take a month; null = no limit. */
    monthlyLimit: z
      .number({ error: '必须是数字' })
      .int({ error: '必须是整数' })
      .min(1, { error: '至少 1 件' })
      .max(100, { error: '最多 100 件' })
      .nullable(),
    active: z.boolean({ error: '须为 true 或 false' }),
  })
  .strict();
export type RewardBody = z.infer<typeof RewardBody>;
export const RewardPath = z.object({ communityId: Id, rewardId: Id });
/** A reward as its admins see it: with the picture's key, so a change can keep the picture. */
export const AdminReward = Reward.extend({
  imageKey: z.string().nullable(),
  /** WeChat's image check judged the picture risky: residents get no picture; admins see it marked. */
  imageHidden: z.literal(true).optional(),
});
export type AdminReward = z.infer<typeof AdminReward>;
export const AdminRewardList = z.object({ items: z.array(AdminReward) });

export const StockChangeBody = z.object({ stationId: Id, delta: signedInt(100_000, ' 件'), reason: Reason }).strict();
export type StockChangeBody = z.infer<typeof StockChangeBody>;

export const StockLogEntry = z.object({
  entryId: z.string(),
  rewardId: Id,
  stationId: Id,
  stationName: z.string(),
  delta: z.number().int(),
  reason: z.string(),
  by: z.object({ userId: Id, name: z.string() }),
  at: IsoTime,
});
export const StockLogPage = page(StockLogEntry);
export const StockLogQuery = z.object({ cursor: Cursor, limit: Limit });
export const StockChangeResult = z.object({
  entry: StockLogEntry,
  /** What is on the shelf at the station right after the change. */
  quantity: z.number().int(),
});

export const AdjustBody = z.object({ userId: Id, points: signedInt(100_000, ' 分'), reason: Reason }).strict();
export type AdjustBody = z.infer<typeof AdjustBody>;
export const Adjustment = z.object({
  entryId: z.string(),
  userId: Id,
  points: z.number().int(),
  reason: z.string(),
  at: IsoTime,
  balance: z.number().int(),
});
export type Adjustment = z.infer<typeof Adjustment>;

export const HELD_STATUS_LABELS = { held: '待审核', approved: '已通过', rejected: '已驳回' } as const;
export const HeldCreditQuery = z.object({
  status: z.enum(['held', 'approved', 'rejected'], { error: '须为 held、approved 或 rejected' }).default('held'),
  cursor: Cursor,
  limit: Limit,
});
export const HeldCreditPath = z.object({ communityId: Id, creditId: Id });
export const RejectHeldBody = z.object({ reason: Reason }).strict();
export const HeldCredit = z.object({
  creditId: Id,
  userId: Id,
  residentName: z.string(),
  stationId: Id,
  stationName: z.string(),
  operatorName: z.string(),
  lines: z.array(
    z.object({
      material: z.string(),
      label: z.string(),
      grams: z.number().int(),
      points: z.number().int(),
      outlier: z.boolean(),
    }),
  ),
  status: z.enum(['held', 'approved', 'rejected']),
  statusLabel: z.string(),
  at: IsoTime,
  decidedAt: IsoTime.nullable(),
  rejectReason: z.string().nullable(),
  /** Approved: what reached the balance (within the day's cap). */
  creditedPoints: z.number().int().nullable(),
});
export type HeldCredit = z.infer<typeof HeldCredit>;
export const HeldCreditPage = page(HeldCredit);

/** Shanghai months `from`–`to`, at most 24, as for the feedback figures. */
export const PointsStatsQuery = FeedbackStatsQuery;

export const PointsStats = z.object({
  communityId: Id,
  from: z.string(),
  to: z.string(),
  generatedAt: IsoTime,
  byMonth: z.array(
    z.object({
      month: z.string(),
      /** Recycled weight by material (the community's materials, then any others weighed), kilograms to 0.001. */
      kgByMaterial: z.array(z.object({ material: z.string(), label: z.string(), kg: z.number() })),
      totalKg: z.number(),
      /** Residents (one household binding each) with at least one recycling credit in the month. */
      households: z.number().int(),
      /** earn_recycling + earn_volunteer. */
      issued: z.number().int(),
      issuedRecycling: z.number().int(),
      issuedVolunteer: z.number().int(),
      /** Redeemed less refunded. */
      redeemed: z.number().int(),
    }),
  ),
  byBuilding: z.array(
    z.object({
      buildingId: z.string(),
      name: z.string(),
      months: z.array(z.object({ month: z.string(), households: z.number().int() })),
    }),
  ),
});
export type PointsStats = z.infer<typeof PointsStats>;

export const LeaderboardOptInBody = z
  .object({
    optIn: z.boolean({ error: '须为 true 或 false' }),
    /** Shown instead of the real name; 1–10 characters, checked like any text residents publish. */
    displayName: z
      .string({ error: '须为文字' })
      .trim()
      .min(1, { error: '请填写昵称' })
      .max(10, { error: '最多 10 个字' })
      .optional(),
  })
  .strict()
  .check((ctx) => {
    // An empty name is already refused above ("请填写昵称"): say it once.
    if (ctx.value.optIn && ctx.value.displayName === undefined)
      ctx.issues.push({ code: 'custom', input: undefined, path: ['displayName'], message: '参加排行榜请填写昵称' });
  });
export type LeaderboardOptInBody = z.infer<typeof LeaderboardOptInBody>;
export const LeaderboardOptIn = z.object({ optIn: z.boolean(), displayName: z.string().nullable() });

export const Leaderboard = z.object({
  communityId: Id,
  month: z.string(),
  items: z.array(
    z.object({ rank: z.number().int(), displayName: z.string(), points: z.number().int(), me: z.boolean() }),
  ),
  /** The caller's own standing (residents); null for staff. */
  me: z
    .object({
      optIn: z.boolean(),
      displayName: z.string().nullable(),
      rank: z.number().int().nullable(),
      points: z.number().int(),
    })
    .nullable(),
});
export type Leaderboard = z.infer<typeof Leaderboard>;
