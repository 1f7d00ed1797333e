/**
 * The street office (街道): its communities compared over a month or a trend,
 * every figure read from the roll-ups the writes keep.
 */
import * as z from 'zod';
import { Id, IsoTime } from './common.js';
import { FeedbackStatsQuery } from './stats.js';

const Month = z.string();

export const StreetPath = z.object({ streetId: Id });

/** The months `from`–`to` (at most 24); `communityId` narrows it to one community (the drill-down). */
export const StreetFiguresQuery = FeedbackStatsQuery.safeExtend({ communityId: Id.optional() });

const Rate = z.number().nullable();

/** What a street compares of one community, over a month or a range of months. */
export const CommunityFigures = z.object({
  communityId: Id,
  name: z.string(),
  /** Approved homes now: the base of the per-household figures. */
  households: z.number().int(),
  feedback: z.object({
    received: z.number().int(),
    resolved: z.number().int(),
    /** resolved ÷ (received − withdrawn − rejected). */
    rectificationRate: Rate,
    /** Resolved by their "1715" deadline ÷ resolved with a deadline. */
    onTimeRate: Rate,
    medianHoursToResolve: z.number().nullable(),
    /** Mean rating (1–5) of the closed reports that have one. */
    averageSatisfaction: z.number().nullable(),
    /** Reports that were escalated (上报 or by the SLA sweep). */
    escalated: z.number().int(),
  }),
  points: z.object({
    kgByMaterial: z.array(z.object({ material: z.string(), label: z.string(), kg: z.number() })),
    totalKg: z.number(),
    /** Kilograms recycled per approved home. */
    kgPerHousehold: z.number().nullable(),
    /** Homes with at least one weigh-in in the month; over several months, the monthly average (月均). */
    participatingHouseholds: z.number().int(),
    participationRate: Rate,
    issued: z.number().int(),
    redeemed: z.number().int(),
  }),
  bulletins: z.object({
    /** Important notices published in the period. */
    importantNotices: z.number().int(),
    /** Homes that read them ÷ homes they were sent to. */
    readRate: Rate,
  }),
});
export type CommunityFigures = z.infer<typeof CommunityFigures>;

export const StreetFigures = z.object({
  streetId: Id,
  name: z.string(),
  district: z.string(),
  from: Month,
  to: Month,
  generatedAt: IsoTime,
  /** Each community over the whole range. */
  communities: z.array(CommunityFigures),
  /** Each month's figures of each community: the trend. */
  byMonth: z.array(z.object({ month: Month, communities: z.array(CommunityFigures) })),
});
export type StreetFigures = z.infer<typeof StreetFigures>;
