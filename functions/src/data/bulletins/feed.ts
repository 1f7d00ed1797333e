/**
 * The feed, one partition per audience unit: the whole community (staff and
 * editors read it) and each building, the most specific unit a home has
 * (its residents read it). A bulletin is copied into every unit its audience
 * covers when it is published, so a reader's page is one key query:
 *
 *   COMM#c#BUL#id / FEED#ALL | FEED#B#<buildingId>   one entry of the bulletin
 *     gsi1  BULFEED#c#ALL | BULFEED#c#B#<buildingId>          / pinned#publishedAt#id
 *     gsi2  the same partition and kind (…#K#<kind>)          / pinned#publishedAt#id
 *
 * Taking a bulletin out of a unit removes the entry's index keys (the entry
 * stays, out of every feed). The bulletin's sparse gsi5 BULFANOUT#c holds
 * bulletins whose entries are not in step yet, for the publish sweep.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BULLETIN_KINDS } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { entity } from '../entity.js';
import { batchWriteAll } from '../query.js';
import { INDEX, keyAttributes } from '../table-definition.js';
import { BULLETIN_PK, type BulletinRecord, bulletins, whenConditionHolds } from './bulletin.js';
import { bulletinReads, type ReadRecord } from './reads.js';

/** A published bulletin as the feed lists it, copied into each audience partition it belongs to. */
export const FeedEntrySchema = z.object({
  bulletinId: z.string(),
  title: z.string(),
  kind: z.enum(BULLETIN_KINDS),
  coverKey: z.string().nullable(),
  /** The bulletin's risky images when the entry was written (a list: the verdicts mark the bulletin). */
  riskyPhotos: z.array(z.string()).optional(),
  excerpt: z.string(),
  important: z.boolean(),
  pinned: z.boolean(),
  publishedAt: z.string(),
  /** A street bulletin's copy: the street's name, shown beside it. */
  fromStreet: z.string().optional(),
});
export type FeedEntryRecord = z.infer<typeof FeedEntrySchema>;

const UNIT_FEED = 'BULFEED#{communityId}#{unit}';
const UNIT_KIND_FEED = 'BULFEED#{communityId}#{unit}#K#{kind}';
/** Pinned first, then newest. */
const FEED_ORDER = '{pin}#{publishedAt}#{bulletinId}';

/**
 * One entry of a bulletin in one unit's feed; its own `kind` is the bulletin's kind, so its items are untagged.
 * `communityId` and `unit` are the parent's composites.
 */
export const feedEntries = entity({
  kind: 'feed-entry',
  tagged: false,
  doc:
    "A published bulletin as one audience unit's feed lists it (`ALL`, or `B#<buildingId>`). It also holds " +
    "`version` (the bulletin's, so an older sync never overwrites a newer) and, on a building's entry, one " +
    '`read:<userId>` attribute per reader there. `{pin}` is 1 when pinned, else 0.',
  schema: FeedEntrySchema,
  key: { pk: BULLETIN_PK, sk: 'FEED#{unit}' },
  derived: (e) => ({ pin: e.pinned ? 1 : 0 }),
  indexes: {
    [INDEX.gsi1]: { pk: UNIT_FEED, sk: FEED_ORDER },
    [INDEX.gsi2]: { pk: UNIT_KIND_FEED, sk: FEED_ORDER },
  },
  patterns: {
    ofUnit: {
      doc: "One unit's feed, pinned first, newest first: a building's residents (with their marks) or the community's staff.",
      index: INDEX.gsi1,
      pk: UNIT_FEED,
      descending: true,
    },
    ofUnitAndKind: {
      doc: "One unit's feed of one kind, pinned first, newest first.",
      index: INDEX.gsi2,
      pk: UNIT_KIND_FEED,
      descending: true,
    },
    ofBulletin: {
      doc: "A bulletin's entries (their keys alone): a sync finds the units it is listed in.",
      index: 'table',
      pk: BULLETIN_PK,
      skPrefix: 'FEED#',
    },
  },
  // An empty list is no list at all.
  toItem: (e) => ({ riskyPhotos: e.riskyPhotos?.length ? e.riskyPhotos : undefined }),
});

/** Marks a community whose bulletins from before the per-unit feed have their entries. */
export const feedBackfills = entity({
  kind: 'feed-backfill',
  tagged: false,
  doc: 'Marks a community whose published bulletins from before the per-unit feed have their entries.',
  schema: z.object({}),
  key: { pk: 'BULFEED#{communityId}#BACKFILL', sk: 'DONE' },
});

const COMMUNITY_UNIT = 'ALL';
const buildingUnit = (buildingId: string) => `B#${buildingId}`;
const unitOf = (sk: unknown) => String(sk).slice('FEED#'.length);
/** The attributes that list an entry in its feeds: taking it out removes them. */
const LISTING = [INDEX.gsi1, INDEX.gsi2].flatMap((index) => {
  const { partitionKey, sortKey } = keyAttributes(index);
  return [partitionKey, sortKey];
});
/** The attributes of an entry its page reads (besides its reader's mark). */
const ENTRY_FIELDS = Object.keys(FeedEntrySchema.shape);
/**
 * A reader's mark on their building's entry is an attribute of its own
 * (`read:<userId>`), so a page projects just its reader's (no map: an empty
 * one breaks DynamoDB Local's stream records).
 */
const readMark = (userId: unknown) => `read:${userId}`;
/** Marks set in one update, to stay well inside an expression's 4 KB. */
const MARKS_AT_ONCE = 50;
/** Entry writes at once: each is its own small request. */
const FEED_PARALLEL = 25;

/** An entry's attributes to set (its key and its readers' marks aside), with the bulletin's version. */
function entryFields(communityId: string, unit: string, entry: FeedEntryRecord, version: number) {
  const { pk: _pk, sk: _sk, ...fields } = feedEntries.item(entry, { communityId, unit });
  return Object.fromEntries(Object.entries({ ...fields, version }).filter(([, v]) => v !== undefined));
}

export function createFeedRepository(table: TableRef) {
  const TableName = table.tableName;

  return {
    /** The reader's mark on their building's feed entry, which their feed page reads; none when it has no entry there. */
    async markEntryRead(b: BulletinRecord, read: ReadRecord): Promise<void> {
      if (!read.buildingId) return;
      await whenConditionHolds(
        table.doc.send(
          new UpdateCommand({
            TableName,
            Key: feedEntries.key({ ...b, unit: buildingUnit(read.buildingId) }),
            UpdateExpression: 'SET #me = :yes',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#me': readMark(read.userId) },
            ExpressionAttributeValues: { ':yes': true },
          }),
        ),
      );
    },

    /**
     * One page of a feed: a building's (its residents) or the whole
     * community's (`buildingId` null), pinned first, newest first. One key
     * query, which on a building's feed also says what `readerId` has read.
     */
    async feed(
      communityId: string,
      buildingId: string | null,
      kind: string | undefined,
      cursor: string | undefined,
      limit: number,
      readerId: string,
    ) {
      const unit = buildingId === null ? COMMUNITY_UNIT : buildingUnit(buildingId);
      const mine = readMark(readerId);
      // A building's entries carry their readers' marks: the page reads its reader's alone, in the same query.
      const options = { cursor, limit, ...(buildingId === null ? {} : { projection: [...ENTRY_FIELDS, mine] }) };
      const page = kind
        ? await feedEntries.rawPage(table, 'ofUnitAndKind', { communityId, unit, kind }, options)
        : await feedEntries.rawPage(table, 'ofUnit', { communityId, unit }, options);
      const items = page.items.map((item) => ({ entry: feedEntries.parse(item), read: item[mine] !== undefined }));
      return {
        items: items.map((i) => i.entry),
        cursor: page.cursor,
        /** Which of them the reader has read; undefined for the community's feed (ask `readBy`). */
        read: buildingId === null ? undefined : new Set(items.filter((i) => i.read).map((i) => i.entry.bulletinId)),
      };
    },

    /**
     * Brings a bulletin's feed entries in step with its `version`: `entry`
     * in the community's partition and each of `buildingIds`, out of every
     * other (`entry` null: out of all). Idempotent; false when `budgetMs` ran
     * out (the sweep goes on).
     */
    async syncFeed(
      communityId: string,
      bulletinId: string,
      version: number,
      entry: FeedEntryRecord | null,
      buildingIds: readonly string[],
      budgetMs: number,
    ): Promise<boolean> {
      const started = Date.now();
      const wanted = new Set(entry ? [COMMUNITY_UNIT, ...buildingIds.map(buildingUnit)] : []);
      const [existing, receipts] = await Promise.all([
        // The keys alone: a building's entry may carry thousands of marks.
        feedEntries.rawAll(table, 'ofBulletin', { communityId, bulletinId }, { projection: ['sk', 'gsi1pk'] }),
        entry
          ? bulletinReads.fields(table, 'ofBulletin', { communityId, bulletinId }, ['userId', 'buildingId'])
          : Promise.resolve([]),
      ]);
      // A new building entry starts with the marks of readers it already has (from a link, or before this feed).
      const marksOf = (unit: string) =>
        receipts.filter((r) => unit === buildingUnit(String(r.buildingId))).map((r) => readMark(r.userId));
      const listed = existing.filter((i) => i.gsi1pk !== undefined).map((i) => unitOf(i.sk));
      const known = new Set(existing.map((i) => unitOf(i.sk)));
      // Each write carries the bulletin's version: a slower sync of an older one never overwrites a newer.
      const newer = {
        ConditionExpression: 'attribute_not_exists(version) OR version <= :v',
        ExpressionAttributeValues: { ':v': version },
      };
      // Updated, not replaced: a building entry keeps the marks its readers left on it.
      const put = (unit: string, shown: FeedEntryRecord) => async () => {
        const fields = entryFields(communityId, unit, shown, version);
        const names = Object.keys(fields);
        await whenConditionHolds(
          table.doc.send(
            new UpdateCommand({
              TableName,
              Key: feedEntries.key({ communityId, bulletinId, unit }),
              UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}${
                'riskyPhotos' in fields ? '' : ' REMOVE riskyPhotos'
              }`,
              ConditionExpression: newer.ConditionExpression,
              ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
              ExpressionAttributeValues: {
                ...Object.fromEntries(Object.values(fields).map((v, i) => [`:f${i}`, v])),
                ...newer.ExpressionAttributeValues,
              },
            }),
          ),
        );
        const marks = known.has(unit) ? [] : marksOf(unit);
        for (let m = 0; m < marks.length; m += MARKS_AT_ONCE) {
          const some = marks.slice(m, m + MARKS_AT_ONCE);
          await table.doc.send(
            new UpdateCommand({
              TableName,
              Key: feedEntries.key({ communityId, bulletinId, unit }),
              UpdateExpression: `SET ${some.map((_, k) => `#m${k} = :yes`).join(', ')}`,
              ExpressionAttributeNames: Object.fromEntries(some.map((mark, k) => [`#m${k}`, mark])),
              ExpressionAttributeValues: { ':yes': true },
            }),
          );
        }
      };
      const takeOut = (unit: string) => () =>
        whenConditionHolds(
          table.doc.send(
            new UpdateCommand({
              TableName,
              Key: feedEntries.key({ communityId, bulletinId, unit }),
              UpdateExpression: `SET version = :v REMOVE ${LISTING.join(', ')}`,
              ...newer,
            }),
          ),
        );
      const writes = [
        ...(entry ? [...wanted].map((unit) => put(unit, entry)) : []),
        ...listed.filter((unit) => !wanted.has(unit)).map(takeOut),
      ];
      for (let i = 0; i < writes.length; i += FEED_PARALLEL) {
        if (Date.now() - started > budgetMs) return false;
        await Promise.all(writes.slice(i, i + FEED_PARALLEL).map((write) => write()));
      }
      return true;
    },

    /** Whether the community's published bulletins from before the per-unit feed have their entries. */
    async feedBackfilled(communityId: string): Promise<boolean> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: feedBackfills.key({ communityId }) }));
      return out.Item !== undefined;
    },

    async markFeedBackfilled(communityId: string): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: feedBackfills.item({}, { communityId }) }));
    },

    /** Bulk load (seeding, benchmarks): published bulletins written as they are, with their feed entries. */
    async putMany(records: { bulletin: BulletinRecord; entry: FeedEntryRecord; buildingIds: readonly string[] }[]) {
      await batchWriteAll(
        table,
        records.flatMap(({ bulletin: b, entry, buildingIds }) => [
          { PutRequest: { Item: bulletins.item(b) } },
          ...[COMMUNITY_UNIT, ...buildingIds.map(buildingUnit)].map((unit) => ({
            PutRequest: {
              Item: { ...feedEntries.key({ ...b, unit }), ...entryFields(b.communityId, unit, entry, b.version) },
            },
          })),
        ]),
      );
    },
  };
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
