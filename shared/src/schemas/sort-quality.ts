/** The sort-quality flag an operator adds to a weigh-in, and the per-building figure admins read. */
import * as z from 'zod';
import { SORT_FLAG_NOTE_MAX, SORT_ISSUES } from '../points/sort-quality.js';
import { Id, IsoTime } from './common.js';
import { monthCount, StatsMonth } from './stats.js';

/** Optional on a credit: which issues the operator saw; a note only beside 其他. Points are credited all the same. */
export const SortFlag = z
  .object({
    issues: z
      .array(z.enum(SORT_ISSUES, { error: '不合格类型不正确' }), { error: '请选择不合格的情况' })
      .min(1, { error: '请至少选择一项不合格的情况' })
      .max(SORT_ISSUES.length, { error: '不合格类型重复' })
      .refine((issues) => new Set(issues).size === issues.length, { error: '不合格类型重复' }),
    note: z
      .string({ error: '须为文字' })
      .trim()
      .max(SORT_FLAG_NOTE_MAX, { error: `说明最多 ${SORT_FLAG_NOTE_MAX} 个字` })
      .optional(),
  })
  .strict()
  .check((ctx) => {
    if (ctx.value.note && !ctx.value.issues.includes('other'))
      ctx.issues.push({ code: 'custom', input: ctx.value.note, path: ['note'], message: '选择“其他”时才填写说明' });
  });
export type SortFlag = z.infer<typeof SortFlag>;

/** What the receipt says was noted (no note is repeated back). */
export const SortFlagNoted = z.object({ issues: z.array(z.enum(SORT_ISSUES)), labels: z.array(z.string()) });

/** One Shanghai month (`month`), or months `from`–`to` (at most 24): see `sortQualityMonths`. */
export const SortQualityQuery = z
  .object({ month: StatsMonth.optional(), from: StatsMonth.optional(), to: StatsMonth.optional() })
  .check((ctx) => {
    const q = ctx.value;
    const issue = (path: string, message: string) =>
      ctx.issues.push({ code: 'custom', input: q, path: [path], message });
    if (q.month) {
      if (q.from || q.to) issue(q.from ? 'from' : 'to', '填写 month 时不要再填 from / to');
    } else if (!q.from) issue('month', '请填写月份（month，或 from 与 to）');
    else if (!q.to) issue('to', '请填写结束月份');
    else if (q.from > q.to) issue('to', '结束月份不能早于开始月份');
    else if (monthCount(q.from, q.to) > 24) issue('to', '最多统计 24 个月');
  });
export type SortQualityQuery = z.infer<typeof SortQualityQuery>;

/** The months a checked query asks for. */
export function sortQualityMonths(q: SortQualityQuery): { from: string; to: string } {
  return { from: q.month ?? q.from ?? '', to: q.month ?? q.to ?? '' };
}

const IssueCounts = z.array(z.object({ issue: z.enum(SORT_ISSUES), label: z.string(), count: z.number().int() }));
const Counts = {
  /** Weigh-ins of the building's residents credited or held at a station. */
  weighed: z.number().int(),
  /** Of those, how many an operator flagged as badly sorted. */
  flagged: z.number().int(),
  /** flagged ÷ weighed to four decimals; null when nothing was weighed. */
  flagRate: z.number().nullable(),
  /** Flagged weigh-ins by issue (one weigh-in may have several). */
  issues: IssueCounts,
};

/** Buildings only, never a person: no name, openid, room or member code. */
export const SortQuality = z.object({
  communityId: Id,
  from: z.string(),
  to: z.string(),
  generatedAt: IsoTime,
  total: z.object(Counts),
  /** Highest flag rate first. */
  byBuilding: z.array(z.object({ buildingId: z.string(), name: z.string(), ...Counts })),
});
export type SortQuality = z.infer<typeof SortQuality>;
