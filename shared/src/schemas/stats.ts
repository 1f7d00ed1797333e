import * as z from 'zod';
import { Id, IsoTime } from './common.js';

export const StatsMonth = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: '月份须为 YYYY-MM 格式' });
const Month = StatsMonth;

export const FeedbackStatsQuery = z
  .object({ from: Month, to: Month })
  .refine((q) => q.from <= q.to, { error: '结束月份不能早于开始月份', path: ['to'] })
  .refine((q) => monthCount(q.from, q.to) <= 24, { error: '最多统计 24 个月', path: ['to'] });

/** How many months `from`–`to` spans, both counted. */
export function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** The figures leaders read, for one slice (everything, a category, a grid or a month). */
export const Figures = z.object({
  /** Received (收到): every report that arrived in the period. */
  received: z.number().int(),
  /** Accepted (受理): those staff took on (later refused or not). */
  accepted: z.number().int(),
  /** Resolved or closed (办结, rectified). */
  resolved: z.number().int(),
  /** resolved ÷ (received − withdrawn − rejected); null when nothing counts. */
  rectificationRate: z.number().nullable(),
  /** Resolved by their deadline ÷ resolved with a deadline. */
  onTimeRate: z.number().nullable(),
  medianHoursToResolve: z.number().nullable(),
  /** Mean rating of every closed report that has one (the reporter's own or entered at a follow-up). */
  averageSatisfaction: z.number().nullable(),
  /** Closed and rated by the reporter (确认). */
  ratedByResident: z.number().int(),
  averageResidentRating: z.number().nullable(),
  /** Closed through a staff follow-up (回访), with the rating the resident gave there. */
  ratedAtFollowUp: z.number().int(),
  averageFollowUpRating: z.number().nullable(),
  /** Closed by the system when the follow-up window ran out: no rating. */
  autoConfirmed: z.number().int(),
  /** Open now and past their deadline (acceptance included). */
  overdueNow: z.number().int(),
});
export type Figures = z.infer<typeof Figures>;

export const FeedbackStats = z.object({
  communityId: Id,
  from: Month,
  to: Month,
  generatedAt: IsoTime,
  totals: Figures,
  byCategory: z.array(Figures.extend({ category: z.string(), label: z.string() })),
  byGrid: z.array(Figures.extend({ gridId: z.string(), name: z.string() })),
  /** The units it was dispatched to (部门报到), measured as the grids are; a unit without an account by its name. */
  byUnit: z.array(Figures.extend({ unitId: z.string().nullable(), name: z.string() })),
  byMonth: z.array(Figures.extend({ month: Month })),
});
export type FeedbackStats = z.infer<typeof FeedbackStats>;

export const DemandQuery = z.object({
  days: z.coerce
    .number({ error: '须为数字' })
    .int()
    .min(7, { error: '至少 7 天' })
    .max(365, { error: '最多 365 天' })
    .default(90),
  minCount: z.coerce.number({ error: '须为数字' }).int().min(2, { error: '至少 2 次' }).max(100).default(2),
});

/** Categories × buildings with repeated reports: the agenda of the deliberation meeting. */
export const DemandList = z.object({
  communityId: Id,
  since: IsoTime,
  days: z.number().int(),
  items: z.array(
    z.object({
      category: z.string(),
      categoryLabel: z.string(),
      buildingId: z.string(),
      place: z.string(),
      count: z.number().int(),
      open: z.number().int(),
      lastReportedAt: IsoTime,
    }),
  ),
});
export type DemandList = z.infer<typeof DemandList>;

/** A CSV download: the stack sends `csv` as `text/csv` with `filename`. */
export const CsvFile = z.object({ filename: z.string(), csv: z.string() });
export type CsvFile = z.infer<typeof CsvFile>;

export const StaffMember = z.object({
  userId: Id,
  name: z.string(),
  roles: z.array(z.string()),
  gridIds: z.array(Id),
  stationIds: z.array(Id),
});
export const StaffList = z.object({ items: z.array(StaffMember) });

export const Open311KeyResponse = z.object({
  keyId: z.string(),
  /** Shown once; only its hash is kept. */
  apiKey: z.string(),
  createdAt: IsoTime,
});
