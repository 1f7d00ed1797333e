/**
 * A bulletin and its kept revisions, in the bulletin's own partition (its
 * read receipts and feed entries live there too: `reads.ts`, `feed.ts`).
 * The bulletin item carries the index keys of its state: the editors' lists
 * by status, the timeline of published ones, and the sparse queues the
 * publish sweep works through (due, feed entries to bring in step, to announce).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Audience,
  type Block,
  BULLETIN_DECISIONS,
  BULLETIN_KINDS,
  BULLETIN_STATUSES,
  type BulletinStatus,
} from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { entity, stringSet } from '../entity.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from '../idempotency.js';
import { INDEX } from '../table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from '../transactions.js';

/** A bulletin's partition: the bulletin, its revisions, its read receipts and its feed entries. */
export const BULLETIN_PK = 'COMM#{communityId}#BUL#{bulletinId}';

const InlineSchema = z.object({ text: z.string(), bold: z.boolean().optional(), link: z.string().optional() });

/** A block of a body as stored (the API's blocks add an image's URL and whether it is hidden). */
const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: z.string() }),
  z.object({ type: z.literal('paragraph'), inlines: z.array(InlineSchema) }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(InlineSchema)) }),
  z.object({ type: z.literal('image'), key: z.string(), caption: z.string() }),
]) satisfies z.ZodType<Block>;

/** Who the bulletin is for, as stored (the request's limits are checked on the way in, not on every read). */
const AudienceRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('community') }),
  z.object({ type: z.literal('estates'), estateIds: z.array(z.string()) }),
  z.object({ type: z.literal('grids'), gridIds: z.array(z.string()) }),
]) satisfies z.ZodType<Audience>;

export const DecisionSchema = z.object({
  action: z.enum(BULLETIN_DECISIONS),
  byId: z.string(),
  byName: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
});
export type DecisionRecord = z.infer<typeof DecisionSchema>;

export const BulletinSchema = z.object({
  bulletinId: z.string(),
  communityId: z.string(),
  title: z.string(),
  kind: z.enum(BULLETIN_KINDS),
  coverKey: z.string().nullable(),
  source: z.string(),
  blocks: z.array(BlockSchema),
  audience: AudienceRecordSchema,
  important: z.boolean(),
  pinned: z.boolean(),
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  status: z.enum(BULLETIN_STATUSES),
  revision: z.number(),
  /** Optimistic concurrency: every rewrite expects the version it read (a photo verdict bumps it too). */
  version: z.number(),
  authorId: z.string(),
  authorName: z.string(),
  approverId: z.string().nullable(),
  approverName: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** The review history, appended in the same write as each decision (absent on bulletins older than it). */
  decisions: z.array(DecisionSchema).optional(),
  readCount: z.number(),
  activityId: z.string().nullable(),
  issueId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Images WeChat's check judged risky (a string set in the table, added by the verdict with a version bump). */
  riskyPhotos: stringSet.optional(),
  /**
   * An important bulletin's announcement in its residents' 消息: `pending`
   * from publication until every one has it (it waits in gsi4 meanwhile), then `done`.
   */
  announce: z.enum(['pending', 'done']).optional(),
  announcedAt: z.string().optional(),
  /**
   * Its feed entries must be written, rewritten or taken out (it was or is
   * published): `pending` from that write until they are (it waits in gsi5 meanwhile).
   */
  feedSync: z.literal('pending').optional(),
  /** A street bulletin's copy in one of its communities (same id): changed only through the street's bulletin. */
  origin: z.object({ streetId: z.string(), streetName: z.string() }).optional(),
});
export type BulletinRecord = z.infer<typeof BulletinSchema>;

/** Where a published bulletin sorts: by publication (creation, for one published before it was kept), then id. */
const LISTED = '{listedAt}#{bulletinId}';

/** A bulletin, with the index keys of its state; its own `kind` is the bulletin's kind, so its items are untagged. */
export const bulletins = entity({
  kind: 'bulletin',
  tagged: false,
  doc:
    'A bulletin: its text as blocks, audience, review state and counts. `audienceType`, `audienceEstates` and ' +
    '`audienceGrids` are written from `audience` for the unread count’s filter; `{listedAt}` is `publishedAt`, ' +
    'else `createdAt`.',
  schema: BulletinSchema,
  key: { pk: BULLETIN_PK, sk: 'BULLETIN' },
  derived: (b) => ({ listedAt: b.publishedAt ?? b.createdAt }),
  indexes: {
    [INDEX.gsi2]: { pk: 'BULTIME#{communityId}', sk: LISTED, when: (b: BulletinRecord) => b.status === 'published' },
    [INDEX.gsi3]: { pk: 'BUL#{communityId}#{status}', sk: '{updatedAt}#{bulletinId}' },
    [INDEX.gsi4]: {
      pk: 'BULANNOUNCE#{communityId}',
      sk: LISTED,
      when: (b: BulletinRecord) => b.status === 'published' && b.announce === 'pending',
    },
    // Never both at once: only a bulletin that is or was published has feed entries to bring in step.
    [INDEX.gsi5]: [
      {
        pk: 'BULDUE#{communityId}',
        sk: '{publishAt}#{bulletinId}',
        when: (b: BulletinRecord) => b.status === 'approved' && Boolean(b.publishAt),
      },
      { pk: 'BULFANOUT#{communityId}', sk: LISTED, when: (b: BulletinRecord) => b.feedSync === 'pending' },
    ],
  },
  patterns: {
    ofStatus: {
      doc: "A community's bulletins of one status, last changed first: the editors' lists, the feed backfill, the workbench count.",
      index: INDEX.gsi3,
      pk: 'BUL#{communityId}#{status}',
      descending: true,
    },
    timeline: {
      doc: 'Published bulletins by publication time: the unread badge reads a recent window, filtered to the audience.',
      index: INDEX.gsi2,
      pk: 'BULTIME#{communityId}',
    },
    due: {
      doc: 'Approved bulletins by their publication time: the publish sweep takes those due by now.',
      index: INDEX.gsi5,
      pk: 'BULDUE#{communityId}',
    },
    toSync: {
      doc: 'Bulletins whose feed entries are not in step with them yet: the publish sweep finishes them.',
      index: INDEX.gsi5,
      pk: 'BULFANOUT#{communityId}',
    },
    toAnnounce: {
      doc: 'Important bulletins published and not yet in every resident’s 消息: the publish sweep finishes them.',
      index: INDEX.gsi4,
      pk: 'BULANNOUNCE#{communityId}',
    },
  },
  toItem: (b) => ({
    // The whole item is rewritten on each change: the marks go with it (the version guards against a verdict in between).
    riskyPhotos: b.riskyPhotos?.length ? new Set(b.riskyPhotos) : undefined,
    audienceType: b.audience.type,
    audienceEstates: b.audience.type === 'estates' ? b.audience.estateIds : [],
    audienceGrids: b.audience.type === 'grids' ? b.audience.gridIds : [],
  }),
});

/** The text of a published bulletin as it was before a new revision replaced it: kept, never read back by the app. */
export const bulletinRevisions = entity({
  kind: 'bulletin-revision',
  tagged: false,
  doc: "A published text a new revision replaced, as it was (the verdicts' marks stay with the bulletin); `{paddedRevision}` is its revision in 4 digits.",
  schema: BulletinSchema.omit({ riskyPhotos: true }).extend({ savedAt: z.string() }),
  key: { pk: BULLETIN_PK, sk: 'REV#{paddedRevision}' },
  derived: (r) => ({ paddedRevision: String(r.revision).padStart(4, '0') }),
});

/** Where a reader lives, for the unread count's audience filter. */
export interface Home {
  estateId: string;
  gridId: string | null;
}

/** The unread count's audience filter (it reads every page, so none comes up short): the community, the reader's estate or grid. */
function audienceFilter(home: Home) {
  return {
    expression: '(audienceType = :all OR contains(audienceEstates, :estate) OR contains(audienceGrids, :grid))',
    values: { ':all': 'community', ':estate': home.estateId, ':grid': home.gridId ?? '-' },
  };
}

/** A conditioned write of the bulletins' items: when its condition no longer holds there is nothing left to do. */
export async function whenConditionHolds(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export function createBulletinRecordsRepository(table: TableRef) {
  const TableName = table.tableName;

  return {
    async get(communityId: string, bulletinId: string): Promise<BulletinRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: bulletins.key({ communityId, bulletinId }), ConsistentRead: true }),
      );
      return out.Item ? bulletins.parse(out.Item) : undefined;
    },

    /** A new bulletin; `extra` (its images' checks) commits with it. A replayed key answers the first one's id. */
    async create(b: BulletinRecord, idem: Idempotency, now: Date, extra: readonly TransactItem[] = []) {
      const response = { bulletinId: b.bulletinId };
      try {
        await writeTransaction(table, [
          idempotencyPut(table, idem, response, now),
          { Put: { TableName, Item: bulletins.item(b), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...extra,
        ]);
        return null;
      } catch (error) {
        if (error instanceof TransactionRefused && error.failed(0)) return replayIdempotent(table, idem);
        throw error;
      }
    },

    /**
     * Writes a changed bulletin if nobody changed it since it was read;
     * `keepRevision` stores the published text it replaces, which is kept.
     * `extra` (new images' checks) commits with it or not at all.
     */
    async update(
      before: BulletinRecord,
      after: BulletinRecord,
      now: Date,
      keepRevision = false,
      extra: readonly TransactItem[] = [],
    ): Promise<boolean> {
      const items: TransactItem[] = [
        {
          Put: {
            TableName,
            Item: bulletins.item({ ...after, version: before.version + 1 }),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': before.version },
          },
        },
      ];
      if (keepRevision) {
        // The text as it was; the marks belong to the current bulletin.
        const { riskyPhotos: _marks, ...text } = before;
        items.push({
          Put: {
            TableName,
            Item: bulletinRevisions.item({ ...text, savedAt: now.toISOString() }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      items.push(...extra);
      try {
        await writeTransaction(table, items);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefused && error.failed(0)) return false;
        throw error;
      }
    },

    /** The feed entries are in step with this version: it leaves the sweep's queue (a later write puts it back). */
    async markFeedSynced(b: BulletinRecord): Promise<void> {
      await whenConditionHolds(
        table.doc.send(
          new UpdateCommand({
            TableName,
            Key: bulletins.key(b),
            UpdateExpression: 'REMOVE feedSync, gsi5pk, gsi5sk',
            ConditionExpression: 'version = :v AND feedSync = :pending',
            ExpressionAttributeValues: { ':v': b.version, ':pending': 'pending' },
          }),
        ),
      );
    },

    /** Bulletins whose feed entries are not in step yet. */
    unsynced(communityId: string): Promise<BulletinRecord[]> {
      return bulletins.all(table, 'toSync', { communityId });
    },

    /** Published since `since`, in the reader's audience: the denominator of the unread badge. */
    publishedSince(communityId: string, home: Home | null, since: string) {
      return bulletins.fields(table, 'timeline', { communityId }, ['bulletinId', 'important'], {
        from: since,
        ...(home ? { filter: audienceFilter(home) } : {}),
      });
    },

    byStatus(communityId: string, status: BulletinStatus, cursor: string | undefined, limit: number) {
      return bulletins.page(table, 'ofStatus', { communityId, status }, { cursor, limit });
    },

    /** Approved bulletins whose publication time has come by `now`. */
    due(communityId: string, now: string): Promise<BulletinRecord[]> {
      return bulletins.all(table, 'due', { communityId }, { to: `${now}#~` });
    },

    /** Important bulletins published whose announcement in 消息 is not finished. */
    unannounced(communityId: string): Promise<BulletinRecord[]> {
      return bulletins.all(table, 'toAnnounce', { communityId });
    },

    /**
     * Every resident of the audience has it in 消息: it leaves the queue. No
     * version bump, so an editor's save is not refused for it; a save from
     * before puts it back in the queue, and announcing again writes nothing twice.
     */
    async markAnnounced(b: BulletinRecord, at: string): Promise<void> {
      await whenConditionHolds(
        table.doc.send(
          new UpdateCommand({
            TableName,
            Key: bulletins.key(b),
            UpdateExpression: 'SET announce = :done, announcedAt = :at REMOVE gsi4pk, gsi4sk',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':done': 'done', ':at': at },
          }),
        ),
      );
    },
  };
}
