/**
 * Street bulletins (街道公告): written and reviewed at the street, by two of
 * its admins, with the community bulletins' body, kinds and lifecycle; once
 * published each chosen community's residents read it in their own feed.
 */
import * as z from 'zod';
import { BULLETIN_STATUSES } from '../bulletins/kinds.js';
import { Bulletin, BulletinBody } from './bulletins.js';
import { Cursor, Id, Limit, page } from './common.js';

/** Every community of the street, or the chosen ones (each must belong to the street). */
export const StreetAudienceSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('street') }).strict(),
    z
      .object({
        type: z.literal('communities'),
        communityIds: z.array(Id).min(1, { error: '至少选择一个社区' }).max(50, { error: '最多选择 50 个社区' }),
      })
      .strict(),
  ],
  { error: '发布范围须为全部社区或指定社区' },
);
export type StreetAudience = z.infer<typeof StreetAudienceSchema>;

/** A community bulletin's body, for the street's communities; no cover (photos belong to a community). */
export const StreetBulletinBody = BulletinBody.omit({ audience: true, coverKey: true, activityId: true, issueId: true })
  .extend({ audience: StreetAudienceSchema })
  .strict();
export type StreetBulletinBody = z.infer<typeof StreetBulletinBody>;

export const UpdateStreetBulletinBody = StreetBulletinBody.extend({
  version: z.number({ error: '缺少版本号' }).int({ error: '版本号须为整数' }),
}).strict();

export const StreetBulletinPath = z.object({ streetId: Id, bulletinId: Id });

export const StreetBulletinQuery = z.object({
  status: z.enum(BULLETIN_STATUSES, { error: '状态不正确' }).default('submitted'),
  cursor: Cursor,
  limit: Limit,
});

/** A street bulletin as its street's admins see it, with each chosen community's copy and read count. */
export const StreetBulletin = Bulletin.omit({ communityId: true, audience: true, fromStreet: true }).extend({
  streetId: Id,
  streetName: z.string(),
  audience: StreetAudienceSchema,
  communities: z.array(
    z.object({
      communityId: Id,
      name: z.string(),
      /** The copy's state in that community: absent until approved. */
      status: z.enum(BULLETIN_STATUSES).nullable(),
      /** Readers there (one receipt per person). */
      readCount: z.number().int(),
    }),
  ),
});
export type StreetBulletin = z.infer<typeof StreetBulletin>;
export const StreetBulletinPage = page(StreetBulletin);

/** The communities a street bulletin may go to: the street's own (the editor's picker). */
export const StreetBulletinAudience = z.object({
  streetId: Id,
  name: z.string(),
  communities: z.array(z.object({ communityId: Id, name: z.string() })),
});
