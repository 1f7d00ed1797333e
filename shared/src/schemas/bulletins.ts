import * as z from 'zod';
import { BULLETIN_DECISIONS, BULLETIN_KINDS, BULLETIN_STATUSES } from '../bulletins/kinds.js';
import { BULLETIN_ACTIONS } from '../bulletins/lifecycle.js';
import { MAX_BODY_CHARS } from '../bulletins/markup.js';
import { Cursor, Id, IsoTime, Limit, page } from './common.js';

const BulletinPhoto = z.string().regex(/^photos\/[A-Za-z0-9_-]+\/bulletin\/\d{4}-\d{2}\/[a-z0-9]+\.(jpg|png|webp)$/, {
  error: '图片须是本社区上传的公告图片',
});

export const AudienceSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('community') }).strict(),
    z
      .object({ type: z.literal('estates'), estateIds: z.array(Id).min(1, { error: '至少选择一个小区' }).max(50) })
      .strict(),
    z.object({ type: z.literal('grids'), gridIds: z.array(Id).min(1, { error: '至少选择一个网格' }).max(50) }).strict(),
  ],
  { error: '发布范围须为全社区、指定小区或指定网格' },
);

export const BulletinBody = z
  .object({
    title: z
      .string({ error: '请填写标题' })
      .trim()
      .min(2, { error: '标题至少 2 个字' })
      .max(60, { error: '标题最多 60 个字' }),
    kind: z.enum(BULLETIN_KINDS, { error: '类型不正确' }),
    coverKey: BulletinPhoto.nullable().default(null),
    /** A safe markdown subset: # headings, paragraphs, - lists, **bold**, [links](bulletin:ID), ![images](photos/…). */
    body: z
      .string({ error: '请填写正文' })
      .min(1, { error: '正文不能为空' })
      .max(MAX_BODY_CHARS, { error: `正文最多 ${MAX_BODY_CHARS} 个字符` }),
    audience: AudienceSchema,
    important: z.boolean({ error: '须为 true 或 false' }).default(false),
    pinned: z.boolean({ error: '须为 true 或 false' }).default(false),
    /** When to publish once approved; null = as soon as approved. */
    publishAt: z.iso.datetime({ offset: true, error: '发布时间格式不正确' }).nullable().default(null),
    activityId: Id.nullable().default(null),
    issueId: Id.nullable().default(null),
  })
  .strict();
export type BulletinBody = z.infer<typeof BulletinBody>;

export const UpdateBulletinBody = BulletinBody.extend({
  version: z.number({ error: '缺少版本号' }).int({ error: '版本号须为整数' }),
}).strict();

export const BulletinPath = z.object({ communityId: Id, bulletinId: Id });
export const RejectBulletinBody = z
  .object({ reason: z.string({ error: '请填写原因' }).trim().min(2, { error: '原因至少 2 个字' }).max(200) })
  .strict();

const InlineSchema = z.object({ text: z.string(), bold: z.boolean().optional(), link: z.string().optional() });
export const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: z.string() }),
  z.object({ type: z.literal('paragraph'), inlines: z.array(InlineSchema) }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(InlineSchema)) }),
  z.object({
    type: z.literal('image'),
    key: z.string(),
    caption: z.string(),
    url: z.string(),
    /** WeChat's image check judged it risky: residents never get the block; editors see it marked. */
    hidden: z.literal(true).optional(),
  }),
]);

/** One review decision on a bulletin (editors only): who, what, when and why. */
export const BulletinDecision = z.object({
  action: z.enum(BULLETIN_DECISIONS),
  actionLabel: z.string(),
  byName: z.string(),
  at: IsoTime,
  /** Why it was sent back; null when no reason is asked. */
  reason: z.string().nullable(),
});
export type BulletinDecision = z.infer<typeof BulletinDecision>;

export const Bulletin = z.object({
  bulletinId: Id,
  communityId: Id,
  title: z.string(),
  kind: z.enum(BULLETIN_KINDS),
  kindLabel: z.string(),
  coverUrl: z.string().nullable(),
  /** WeChat's image check judged the cover risky: residents get no cover; editors see it marked. */
  coverHidden: z.literal(true).optional(),
  /** Editors only: the stored cover, to keep it when saving an edit. */
  coverKey: z.string().nullable(),
  blocks: z.array(BlockSchema),
  /** The source as written, for editors only. */
  source: z.string().nullable(),
  audience: AudienceSchema,
  important: z.boolean(),
  pinned: z.boolean(),
  publishAt: IsoTime.nullable(),
  publishedAt: IsoTime.nullable(),
  status: z.enum(BULLETIN_STATUSES),
  statusLabel: z.string(),
  revision: z.number().int(),
  version: z.number().int(),
  authorName: z.string(),
  approverName: z.string().nullable(),
  /** Why a reviewer sent it back, for its author. */
  rejectReason: z.string().nullable(),
  /** The review history, oldest first (editors only; empty for everyone else). */
  decisions: z.array(BulletinDecision),
  /** What the viewer may do with it now, from the lifecycle in shared/ (the review page's buttons). */
  allowedActions: z.array(z.enum(BULLETIN_ACTIONS)),
  /** A street bulletin's copy: the street's name (来自 长河街道). */
  fromStreet: z.string().optional(),
  readCount: z.number().int(),
  readByMe: z.boolean(),
  activityId: Id.nullable(),
  issueId: Id.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Bulletin = z.infer<typeof Bulletin>;

export const FeedItem = z.object({
  bulletinId: Id,
  title: z.string(),
  kind: z.enum(BULLETIN_KINDS),
  kindLabel: z.string(),
  coverUrl: z.string().nullable(),
  /** As on the bulletin: a risky cover, shown to editors only. */
  coverHidden: z.literal(true).optional(),
  excerpt: z.string(),
  important: z.boolean(),
  pinned: z.boolean(),
  publishedAt: IsoTime,
  read: z.boolean(),
  /** Published by the street office: its name (来自 长河街道). */
  fromStreet: z.string().optional(),
});
export const FeedPage = page(FeedItem);
export const FeedQuery = z.object({
  kind: z.enum(BULLETIN_KINDS, { error: '类型不正确' }).optional(),
  cursor: Cursor,
  limit: Limit,
});
export const ManageQuery = z.object({
  status: z.enum(BULLETIN_STATUSES, { error: '状态不正确' }).default('submitted'),
  cursor: Cursor,
  limit: Limit,
});
export const ManagePage = page(Bulletin);
export const UnreadCount = z.object({ unread: z.number().int(), importantUnread: z.number().int() });
export const ReadReceipt = z.object({ readAt: IsoTime, first: z.boolean() });

export const BulletinReads = z.object({
  bulletinId: Id,
  audienceHouseholds: z.number().int(),
  readers: z.number().int(),
  rate: z.number().nullable(),
  byBuilding: z.array(
    z.object({
      buildingId: Id,
      name: z.string(),
      audience: z.number().int(),
      readers: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  /** Important notices: homes in each grid nobody has confirmed reading yet, for grid workers to visit. */
  unreadByGrid: z.array(
    z.object({
      gridId: Id,
      name: z.string(),
      households: z.array(z.object({ address: z.string(), residentName: z.string() })),
    }),
  ),
});

export const NewsletterBody = z
  .object({
    title: z.string({ error: '请填写期号标题' }).trim().min(2).max(40, { error: '标题最多 40 个字' }),
    coverKey: BulletinPhoto.nullable().default(null),
    bulletinIds: z.array(Id).min(1, { error: '至少收录一篇文章' }).max(30, { error: '一期最多 30 篇' }),
  })
  .strict();
export const NewsletterPath = z.object({ communityId: Id, issueId: Id });
export const Newsletter = z.object({
  issueId: Id,
  title: z.string(),
  coverUrl: z.string().nullable(),
  /** A risky cover, shown to editors only. */
  coverHidden: z.literal(true).optional(),
  createdAt: IsoTime,
  articles: z.array(FeedItem),
});
export const NewsletterList = z.object({ items: z.array(Newsletter.omit({ articles: true })) });
