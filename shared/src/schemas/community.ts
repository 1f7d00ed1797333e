import * as z from 'zod';
import { REPAIR_SIZES, URGENCIES } from '../feedback/categories.js';
import { DEFAULT_CONFIRM_DAYS } from '../feedback/deadlines.js';
import { Id, page } from './common.js';

const int = (min: number, max: number, unit = '') =>
  z
    .number({ error: '必须是数字' })
    .int({ error: '必须是整数' })
    .min(min, { error: `不能小于 ${min}${unit}` })
    .max(max, { error: `不能大于 ${max}${unit}` });

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间须为 HH:MM 格式' });
/** A closing time may be 24:00: open until midnight. */
const ClosingClock = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: '时间须为 HH:MM 格式（最晚 24:00）' });

/** The "1715" service promise, configurable per community (issue 3 adds per-category rules). */
export const SlaPolicy = z
  .object({
    /** Accept (受理) within this many minutes of arrival, by the report's urgency; then the deadlines below start. */
    acceptMinutes: z.object({
      urgent: int(1, 1440, ' 分钟'),
      routine: int(1, 10080, ' 分钟'),
      complex: int(1, 43200, ' 分钟'),
    }),
    urgentOnSiteMinutes: int(1, 1440, ' 分钟'),
    routineFixMinutes: int(1, 10080, ' 分钟'),
    complexPlanMinutes: int(1, 43200, ' 分钟'),
    repairDays: z.object({
      small: int(1, 365, ' 天'),
      medium: int(1, 365, ' 天'),
      major: int(1, 365, ' 天'),
    }),
  })
  .check((ctx) => {
    const { small, medium, major } = ctx.value.repairDays;
    if (medium < small)
      ctx.issues.push({
        code: 'custom',
        input: medium,
        path: ['repairDays', 'medium'],
        message: '中修期限不能短于小修',
      });
    if (major < medium)
      ctx.issues.push({ code: 'custom', input: major, path: ['repairDays', 'major'], message: '大修期限不能短于中修' });
  });
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** When residents may redeem points; business times are Asia/Shanghai. */
export const ExchangeDay = z
  .object({
    mode: z.enum(['monthly', 'daily'], { error: '须为 monthly（每月一天）或 daily（每天）' }),
    dayOfMonth: int(1, 28, ' 号'),
    opensAt: Clock,
    closesAt: ClosingClock,
  })
  .check((ctx) => {
    if (ctx.value.closesAt <= ctx.value.opensAt)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.closesAt,
        path: ['closesAt'],
        message: '结束时间须晚于开始时间',
      });
  });
export type ExchangeDay = z.infer<typeof ExchangeDay>;

export const PointsRules = z
  .object({
    materials: z
      .array(
        z.object({
          material: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, { error: '材料编号须为小写字母、数字或下划线' }),
          label: z.string().min(1, { error: '名称不能为空' }).max(10, { error: '名称最多 10 个字' }),
          pointsPerKg: int(0, 1000),
        }),
      )
      .min(1, { error: '至少需要一种可回收物' })
      .max(20, { error: '最多 20 种可回收物' }),
    rounding: z.enum(['floor', 'round', 'ceil'], { error: '取整方式须为 floor、round 或 ceil' }),
    maxLineGrams: int(1, 200_000, ' 克'),
    dailyCapPoints: int(1, 100_000, ' 分'),
    /** 'end_of_next_year': points expire on 31 December of the year after they were earned. */
    expiry: z.enum(['never', 'end_of_next_year'], { error: '过期规则须为 never 或 end_of_next_year' }),
  })
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.materials.forEach((m, i) => {
      if (seen.has(m.material))
        ctx.issues.push({ code: 'custom', input: m.material, path: ['materials', i, 'material'], message: '材料重复' });
      seen.add(m.material);
    });
  });
export type PointsRules = z.infer<typeof PointsRules>;

/** The community's report categories (with their usual urgency and repair size) and reply templates. */
export const FeedbackSettings = z
  .object({
    categories: z
      .array(
        z.object({
          category: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, { error: '类别编号须为小写字母、数字或下划线' }),
          label: z.string().trim().min(1, { error: '名称不能为空' }).max(10, { error: '名称最多 10 个字' }),
          urgency: z.enum(URGENCIES, { error: '紧急程度须为 urgent、routine 或 complex' }),
          repair: z.enum(REPAIR_SIZES, { error: '维修规模须为 small、medium 或 major' }).nullable(),
          enabled: z.boolean({ error: '须为 true 或 false' }),
        }),
      )
      .min(1, { error: '至少需要一个类别' })
      .max(40, { error: '最多 40 个类别' }),
    replyTemplates: z
      .array(
        z.object({
          templateId: z.string().regex(/^[a-z0-9_-]{1,30}$/, { error: '模板编号格式不正确' }),
          title: z.string().trim().min(1, { error: '标题不能为空' }).max(20, { error: '标题最多 20 个字' }),
          text: z.string().trim().min(1, { error: '内容不能为空' }).max(300, { error: '内容最多 300 个字' }),
        }),
      )
      .max(30, { error: '最多 30 个回复模板' }),
  })
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.categories.forEach((c, i) => {
      if (seen.has(c.category))
        ctx.issues.push({
          code: 'custom',
          input: c.category,
          path: ['categories', i, 'category'],
          message: '类别重复',
        });
      seen.add(c.category);
    });
  });
export type FeedbackSettings = z.infer<typeof FeedbackSettings>;

const confirmDaysError = { error: '自动确认期限须为 1–30 天的整数' };

/** How long a resolved report waits for its reporter (确认 or 未解决) before it closes as 系统自动确认. */
export const FollowUpPolicy = z
  .object({
    confirmDays: z.number(confirmDaysError).int(confirmDaysError).min(1, confirmDaysError).max(30, confirmDaysError),
  })
  .strict();
export type FollowUpPolicy = z.infer<typeof FollowUpPolicy>;

export const CommunitySettings = z.object({
  version: z.number().int(),
  sla: SlaPolicy,
  exchangeDay: ExchangeDay,
  pointsRules: PointsRules,
  feedback: FeedbackSettings,
  /** Settings saved before the follow-up window existed read as the default. */
  followUp: FollowUpPolicy.default({ confirmDays: DEFAULT_CONFIRM_DAYS }),
});
export type CommunitySettings = z.infer<typeof CommunitySettings>;

export const UpdateSettingsBody = z
  .object({
    /** The version the admin edited; a stale one is a 409, not a silent overwrite. */
    version: z.number({ error: '缺少版本号' }).int({ error: '版本号须为整数' }),
    sla: SlaPolicy.optional(),
    exchangeDay: ExchangeDay.optional(),
    pointsRules: PointsRules.optional(),
    feedback: FeedbackSettings.optional(),
    followUp: FollowUpPolicy.optional(),
  })
  .strict()
  .refine((b) => b.sla || b.exchangeDay || b.pointsRules || b.feedback || b.followUp, {
    error: '至少修改一项设置',
    path: ['sla'],
  });
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBody>;

export const Estate = z.object({ estateId: Id, name: z.string() });
export const Grid = z.object({ gridId: Id, estateId: Id, name: z.string() });
export const Building = z.object({
  buildingId: Id,
  estateId: Id,
  gridId: Id,
  name: z.string(),
  units: z.number().int(),
});
export const Station = z.object({ stationId: Id, estateId: Id, name: z.string(), address: z.string() });
export type Estate = z.infer<typeof Estate>;
export type Grid = z.infer<typeof Grid>;
export type Building = z.infer<typeof Building>;
export type Station = z.infer<typeof Station>;

export const CommunitySummary = z.object({
  communityId: Id,
  name: z.string(),
  district: z.string(),
  street: z.string(),
  /** The street office (街道) it belongs to; absent on a community no street has taken in. */
  streetId: Id.optional(),
});
export type CommunitySummary = z.infer<typeof CommunitySummary>;

export const Community = CommunitySummary.extend({
  estates: z.array(Estate),
  grids: z.array(Grid),
  buildings: z.array(Building),
  stations: z.array(Station),
  settings: CommunitySettings,
});
export type Community = z.infer<typeof Community>;

export const CommunityList = page(CommunitySummary);
