import * as z from 'zod';
import { REPAIR_SIZES, URGENCIES } from '../feedback/categories.js';
import { hasPlace, LOCATION_REQUIRED_MESSAGE } from '../feedback/location.js';
import {
  FEEDBACK_ACTIONS,
  FEEDBACK_CLOSURES,
  FEEDBACK_STATUSES,
  FOLLOW_UP_CHANNELS,
  FOLLOW_UP_VERDICTS,
} from '../feedback/state-machine.js';
import { FEEDBACK_CHANNELS } from '../labels.js';
import { STREET_ROLES, UNIT_ROLES } from '../roles.js';
import { Cursor, Id, IsoTime, Limit, page, RoleSchema } from './common.js';

export const MAX_FEEDBACK_PHOTOS = 9;

const PhotoKeys = z
  .array(
    z.string().regex(/^photos\/[A-Za-z0-9_-]+\/(feedback|proof)\/\d{4}-\d{2}\/[a-z0-9]+\.(jpg|png|webp)$/, {
      error: '照片编号不正确',
    }),
  )
  .max(MAX_FEEDBACK_PHOTOS, { error: `最多上传 ${MAX_FEEDBACK_PHOTOS} 张照片` });

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, { error: `${label}至少 ${min} 个字` })
    .max(max, { error: `${label}最多 ${max} 个字` });

/** A place on the map: WGS-84 degrees, as GPS and Open311 give them. */
export const GeoPoint = z
  .object({
    lat: z
      .number({ error: '纬度须为数字' })
      .min(-90, { error: '纬度须在 -90 到 90 之间' })
      .max(90, { error: '纬度须在 -90 到 90 之间' }),
    long: z
      .number({ error: '经度须为数字' })
      .min(-180, { error: '经度须在 -180 到 180 之间' })
      .max(180, { error: '经度须在 -180 到 180 之间' }),
  })
  .strict();
export type GeoPoint = z.infer<typeof GeoPoint>;

export const FeedbackLocation = z
  .object({
    estateId: Id,
    buildingId: Id.nullable(),
    unit: z.number({ error: '单元须为数字' }).int({ error: '单元须为整数' }).min(1).max(30).nullable(),
    /** Free text: "东门垃圾房旁", "3楼楼道". */
    detail: z.string().trim().max(50, { error: '位置说明最多 50 个字' }).default(''),
    /** Where on the map, when the person pinned it (the map pin comes later; the API takes it now). */
    point: GeoPoint.nullable().default(null),
  })
  .strict()
  // A building, a point or a place description (at least one): an estate alone is too wide to find it in.
  .refine(hasPlace, {
    error: LOCATION_REQUIRED_MESSAGE,
    path: ['detail'],
  });

export const FeedbackChannel = z.enum(FEEDBACK_CHANNELS, { error: '来源不正确' });

export const SubmitFeedbackBody = z
  .object({
    category: z.string({ error: '请选择问题类别' }).regex(/^[a-z][a-z0-9_]{1,30}$/, { error: '问题类别不正确' }),
    description: text('问题描述', 5, 500),
    photos: PhotoKeys.default([]),
    location: FeedbackLocation,
    anonymous: z.boolean({ error: '须为 true 或 false' }).default(false),
    channel: z.enum(['app', 'qrcode'], { error: '来源须为 app 或 qrcode' }).default('app'),
  })
  .strict();
export type SubmitFeedbackBody = z.infer<typeof SubmitFeedbackBody>;

/** Staff enter a paper, hotline or visit report on a resident's behalf. */
export const OfflineFeedbackBody = SubmitFeedbackBody.omit({ channel: true, anonymous: true })
  .extend({
    channel: z.enum(['paper', 'hotline', 'visit'], { error: '来源须为 paper、hotline 或 visit' }),
    reporterName: text('反映人称呼', 1, 20),
    reporterPhone: z
      .string()
      .regex(/^1\d{10}$/, { error: '手机号须为 11 位数字' })
      .nullable()
      .default(null),
  })
  .strict();
export type OfflineFeedbackBody = z.infer<typeof OfflineFeedbackBody>;

const Target = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('grid_worker'), userId: Id }).strict(),
    z.object({ kind: z.literal('property') }).strict(),
    z.object({ kind: z.literal('unit'), unitId: Id }).strict(),
  ],
  { error: '派单对象须为网格员、物业或单位' },
);

/** One schema per action a person takes on a report; `action` picks the shape. */
export const FeedbackActionBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('withdraw'), reason: text('撤回原因', 1, 100).optional() }).strict(),
    z
      .object({
        action: z.literal('accept'),
        urgency: z.enum(URGENCIES, { error: '紧急程度须为 urgent、routine 或 complex' }).optional(),
        repair: z.enum(REPAIR_SIZES, { error: '维修规模须为 small、medium 或 major' }).nullable().optional(),
      })
      .strict(),
    z.object({ action: z.literal('reject'), reason: text('不予受理原因', 2, 200) }).strict(),
    z.object({ action: z.literal('dispatch'), target: Target, note: text('派单说明', 1, 200).optional() }).strict(),
    z.object({ action: z.literal('arrive'), note: text('到场说明', 1, 200).optional() }).strict(),
    z.object({ action: z.literal('resolve'), note: text('处理结果', 2, 500), photos: PhotoKeys.default([]) }).strict(),
    z.object({ action: z.literal('escalate'), reason: text('上报原因', 2, 200) }).strict(),
    z.object({ action: z.literal('whistle'), reason: text('吹哨原因', 2, 200) }).strict(),
    z.object({ action: z.literal('note'), text: text('备注', 1, 500) }).strict(),
    z
      .object({
        action: z.literal('reply'),
        text: text('回复', 1, 300).optional(),
        templateId: z
          .string()
          .regex(/^[a-z0-9_-]{1,30}$/)
          .optional(),
      })
      .strict()
      .refine((b) => b.text || b.templateId, { error: '请填写回复或选择模板', path: ['text'] }),
    z
      .object({
        action: z.literal('confirm'),
        rating: z
          .number({ error: '请打分' })
          .int({ error: '评分须为整数' })
          .min(1, { error: '评分为 1–5 分' })
          .max(5, { error: '评分为 1–5 分' }),
        comment: z.string().trim().max(200, { error: '评价最多 200 个字' }).default(''),
      })
      .strict(),
    z.object({ action: z.literal('reopen'), reason: text('未解决的原因', 2, 200) }).strict(),
    z.object({ action: z.literal('join') }).strict(),
  ],
  { error: `操作须为 ${FEEDBACK_ACTIONS.filter((a) => a !== 'follow_up').join('、')} 之一` },
);
export type FeedbackActionBody = z.infer<typeof FeedbackActionBody>;

const Rating = z
  .number({ error: '请打分' })
  .int({ error: '评分须为整数' })
  .min(1, { error: '评分为 1–5 分' })
  .max(5, { error: '评分为 1–5 分' });

/**
 * A follow-up (回访): staff reached the resident by phone or at the door and
 * record what they said. Satisfied needs the rating they gave; unsatisfied,
 * what is still wrong (it reopens the report, as the resident's own 未解决 does).
 */
export const FollowUpBody = z
  .object({
    channel: z.enum(FOLLOW_UP_CHANNELS, { error: '回访方式须为 phone（电话）或 visit（上门）' }),
    verdict: z.enum(FOLLOW_UP_VERDICTS, { error: '居民意见须为 satisfied（满意）或 unsatisfied（不满意）' }),
    rating: Rating.optional(),
    note: z.string({ error: '回访记录须为文字' }).trim().max(200, { error: '回访记录最多 200 个字' }).default(''),
  })
  .strict()
  .check((ctx) => {
    const b = ctx.value;
    if (b.verdict === 'satisfied' && b.rating === undefined)
      ctx.issues.push({
        code: 'custom',
        input: b.rating,
        path: ['rating'],
        message: '居民满意时请记下居民给的评分（1–5 分）',
      });
    if (b.verdict === 'unsatisfied' && b.rating !== undefined)
      ctx.issues.push({ code: 'custom', input: b.rating, path: ['rating'], message: '居民不满意时不打分，会重新处理' });
    if (b.verdict === 'unsatisfied' && [...b.note].length < 2)
      ctx.issues.push({
        code: 'custom',
        input: b.note,
        path: ['note'],
        message: '请记下居民说哪里还没有解决（至少 2 个字）',
      });
  });
export type FollowUpBody = z.infer<typeof FollowUpBody>;

const AssigneeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grid_worker'), userId: Id, name: z.string() }),
  z.object({ kind: z.literal('property'), name: z.string() }),
  z.object({ kind: z.literal('unit'), unitId: Id.optional(), name: z.string() }),
  z.object({ kind: z.literal('committee'), name: z.string() }),
  z.object({ kind: z.literal('street'), streetId: Id, name: z.string() }),
]);

/** `hidden`: WeChat's image check judged it risky; only staff see it, marked. */
export const Photo = z.object({ key: z.string(), url: z.string(), hidden: z.literal(true).optional() });

export const FeedbackReport = z.object({
  reportId: Id,
  communityId: Id,
  category: z.string(),
  categoryLabel: z.string(),
  description: z.string(),
  photos: z.array(Photo),
  location: z.object({
    /** Null for a place outside every estate (a point on the road between two, filed over Open311). */
    estateId: Id.nullable(),
    buildingId: Id.nullable(),
    unit: z.number().int().nullable(),
    /** The place description: the resident's own words, or an Open311 address_string. */
    detail: z.string(),
    /** Human-readable: 春晖苑 3幢 2单元 东侧楼道. */
    address: z.string(),
    /** WGS-84, when the place was given on the map (Open311 lat/long). */
    point: GeoPoint.nullable(),
  }),
  gridId: Id.nullable(),
  channel: FeedbackChannel,
  anonymous: z.boolean(),
  /** Staff and the reporter see the name; the public board never does. */
  reporterName: z.string(),
  /** The number the reporter left, for the staff assigned to the report and admins to call; null for everyone else. */
  reporterPhone: z.string().nullable(),
  /** The address an Open311 reporter left; shown to the same people as the number. */
  reporterEmail: z.string().nullable(),
  /** A link an Open311 client sent with the report (never fetched into our store); staff only. */
  mediaUrl: z.string().nullable(),
  /** Answers to the category's questions (Open311 attributes), labelled: 漏水位置：楼道. */
  details: z.array(z.object({ code: z.string(), label: z.string(), value: z.string() })),
  isMine: z.boolean(),
  status: z.enum(FEEDBACK_STATUSES),
  statusLabel: z.string(),
  urgency: z.enum(URGENCIES),
  repair: z.enum(REPAIR_SIZES).nullable(),
  /** Accept (受理) by then; set on arrival from the community's settings. Null only on reports older than the rule. */
  acceptBy: IsoTime.nullable(),
  respondBy: IsoTime.nullable(),
  respondKind: z.enum(['on_site', 'plan']).nullable(),
  resolveBy: IsoTime.nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  /**
   * The party committee's own deadline (社区办结时限), from when it went up to the committee; with a street
   * above, missing it sends the case on to the street. Staff only; null for everyone else and before.
   */
  committeeBy: IsoTime.nullable(),
  /** When it was escalated on to the street office (吹哨); null while it was not. */
  streetEscalatedAt: IsoTime.nullable(),
  assignee: AssigneeSchema.nullable(),
  supporters: z.number().int(),
  rating: z.object({ score: z.number().int(), comment: z.string() }).nullable(),
  /** How a closed report was closed: by its reporter, through a staff follow-up (the rating entered for them), or by the system; null while not closed (and on reports closed before it was kept). */
  closure: z.enum(FEEDBACK_CLOSURES).nullable(),
  /** A resolved report the reporter does not confirm or reopen closes by itself then (系统自动确认). */
  confirmBy: IsoTime.nullable(),
  createdAt: IsoTime,
  acceptedAt: IsoTime.nullable(),
  /** When the first response came (on site, or a plan given): the on-site/plan deadline is met. */
  respondedAt: IsoTime.nullable(),
  resolvedAt: IsoTime.nullable(),
  closedAt: IsoTime.nullable(),
  /** What the caller may do now, from the shared state machine. */
  allowedActions: z.array(z.enum(FEEDBACK_ACTIONS)),
});
export type FeedbackReport = z.infer<typeof FeedbackReport>;

export const FEEDBACK_EVENT_KINDS = [
  'submitted',
  ...FEEDBACK_ACTIONS,
  'overdue',
  'reminded',
  'auto_escalated',
  /** Sent up to the committee by hand: the committee's own deadline (社区办结时限). */
  'committee_deadline',
  /** Still overdue with the committee: the sweep escalated it on to the street office. */
  'auto_whistled',
  /** After 未解决: accepted again, with the deadlines that restarted. */
  'reaccepted',
  /** A report resolved before confirmation windows existed was given one, from that day. */
  'confirm_window',
  /** The reporter was reminded to confirm before the report closes by itself. */
  'confirm_reminded',
  /** The follow-up window ran out: closed by the system, without a rating. */
  'auto_confirmed',
  /** An account-less reporter's name and contact went, CONTACT_RETENTION_DAYS after closing (staff only). */
  'contacts_erased',
] as const;

/** Who took a step: a community, street or unit role, or the system. */
export const ActorRole = z.enum([...RoleSchema.options, ...STREET_ROLES, ...UNIT_ROLES, 'system']);

export const FeedbackEvent = z.object({
  eventId: z.string(),
  at: IsoTime,
  kind: z.enum(FEEDBACK_EVENT_KINDS),
  label: z.string(),
  actor: z.object({ name: z.string(), role: ActorRole.nullable() }),
  /** Internal notes are for staff only and never reach the resident. */
  visibility: z.enum(['public', 'internal']),
  text: z.string().nullable(),
  photos: z.array(Photo),
  statusAfter: z.enum(FEEDBACK_STATUSES),
});
export type FeedbackEvent = z.infer<typeof FeedbackEvent>;

export const FeedbackDetail = z.object({ report: FeedbackReport, events: z.array(FeedbackEvent) });
export type FeedbackDetail = z.infer<typeof FeedbackDetail>;

export const FeedbackPath = z.object({ communityId: Id, reportId: Id });

export const FeedbackQueueQuery = z.object({
  status: z.enum([...FEEDBACK_STATUSES, 'open', 'done'], { error: '状态不正确' }).default('open'),
  category: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,30}$/, { error: '类别不正确' })
    .optional(),
  gridId: Id.optional(),
  overdue: z.enum(['true', 'false'], { error: '须为 true 或 false' }).optional(),
  cursor: Cursor,
  limit: Limit,
});

export const MyFeedbackQuery = z.object({ cursor: Cursor, limit: Limit });

export const SimilarFeedbackQuery = z.object({
  buildingId: Id,
  category: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, { error: '类别不正确' }),
});

export const FeedbackPage = page(FeedbackReport);
export const FeedbackList = z.object({ items: z.array(FeedbackReport) });

/** The public board: resolved reports, no names, no photos of people. */
export const BoardItem = z.object({
  reportId: Id,
  categoryLabel: z.string(),
  description: z.string(),
  place: z.string(),
  createdAt: IsoTime,
  resolvedAt: IsoTime.nullable(),
  resolution: z.string().nullable(),
  rating: z.number().int().nullable(),
});
export const BoardPage = page(BoardItem);
