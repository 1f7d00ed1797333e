import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Audience, Block, BulletinDecisionAction, BulletinKind, BulletinStatus } from '@linli/shared';
import type { TableRef } from './client.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from './idempotency.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { batchWriteAll, queryAll } from './query.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

export interface BulletinRecord {
  bulletinId: string;
  communityId: string;
  title: string;
  kind: BulletinKind;
  coverKey: string | null;
  source: string;
  blocks: Block[];
  audience: Audience;
  important: boolean;
  pinned: boolean;
  publishAt: string | null;
  publishedAt: string | null;
  status: BulletinStatus;
  revision: number;
  version: number;
  authorId: string;
  authorName: string;
  approverId: string | null;
  approverName: string | null;
  rejectReason: string | null;
  /** The review history, appended in the same write as each decision (absent on bulletins older than it). */
  decisions?: DecisionRecord[];
  readCount: number;
  activityId: string | null;
  issueId: string | null;
  createdAt: string;
  updatedAt: string;
  /** Images WeChat's check judged risky (a string set in the table, added by the verdict with a version bump). */
  riskyPhotos?: string[];
  /**
   * An important bulletin's announcement in its residents' 消息: `pending`
   * from publication until every one has it (it waits in gsi4 meanwhile), then `done`.
   */
  announce?: 'pending' | 'done';
  announcedAt?: string;
  /**
   * Its feed entries must be written, rewritten or taken out (it was or is
   * published): `pending` from that write until they are (it waits in gsi5 meanwhile).
   */
  feedSync?: 'pending';
}

/** A published bulletin as the feed lists it, copied into each audience partition it belongs to. */
export interface FeedEntryRecord {
  bulletinId: string;
  title: string;
  kind: BulletinKind;
  coverKey: string | null;
  riskyPhotos?: string[];
  excerpt: string;
  important: boolean;
  pinned: boolean;
  publishedAt: string;
}

export interface DecisionRecord {
  action: BulletinDecisionAction;
  byId: string;
  byName: string;
  at: string;
  reason: string | null;
}

export interface NewsletterRecord {
  issueId: string;
  title: string;
  coverKey: string | null;
  bulletinIds: string[];
  createdAt: string;
  /** A cover WeChat's check judged risky (set by the verdict). */
  riskyPhotos?: string[];
}

/** The verdicts' string set as a list, on the way out. */
function risky<T extends { riskyPhotos?: unknown }>(item: T): T & { riskyPhotos?: string[] } {
  if (item.riskyPhotos instanceof Set) return { ...item, riskyPhotos: [...(item.riskyPhotos as Set<string>)] };
  return item as T & { riskyPhotos?: string[] };
}

/** …and back as a set on the way in; never an empty one (DynamoDB refuses it), so none at all. */
function riskySet(riskyPhotos: readonly string[] | undefined) {
  return riskyPhotos?.length ? { riskyPhotos: new Set(riskyPhotos) } : {};
}

export interface ReadRecord {
  userId: string;
  at: string;
  estateId: string | null;
  buildingId: string | null;
  gridId: string | null;
}

const INDEXES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'gsi5pk',
  'gsi5sk',
  'kind_',
  'audienceType',
  'audienceEstates',
  'audienceGrids',
];
function toBulletin(item: Record<string, unknown>): BulletinRecord {
  const copy = { ...item };
  for (const name of INDEXES) delete copy[name];
  return risky(copy) as unknown as BulletinRecord;
}

/**
 * Important bulletins published and not yet announced in everyone's 消息:
 * a sparse gsi4 partition per community, which the publish sweep finishes.
 * (A key of this entity only, so it is built here rather than in keys.ts.)
 */
const toAnnounce = (communityId: string) => `BULANNOUNCE#${communityId}`;

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
 * stays, out of every feed). Sparse gsi5 BULFANOUT#c holds bulletins whose
 * entries are not in step yet, for the publish sweep.
 */
const COMMUNITY_UNIT = 'ALL';
const buildingUnit = (buildingId: string) => `B#${buildingId}`;
const feedPartition = (communityId: string, unit: string) => `${keys.bulletinFeed(communityId)}#${unit}`;
const feedKindPartition = (communityId: string, unit: string, kind: string) =>
  `${feedPartition(communityId, unit)}#K#${kind}`;
const feedEntryKey = (communityId: string, bulletinId: string, unit: string) => ({
  pk: keys.bulletinPartition(communityId, bulletinId),
  sk: `FEED#${unit}`,
});
const toFanOut = (communityId: string) => `BULFANOUT#${communityId}`;
/** Marks a community whose bulletins from before the per-unit feed have their entries. */
const feedBackfillKey = (communityId: string) => ({ pk: `${keys.bulletinFeed(communityId)}#BACKFILL`, sk: 'DONE' });
const FEED_INDEXES = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];
/**
 * A reader's mark on their building's entry is an attribute of its own
 * (`read:<userId>`), so a page projects just its reader's (no map: an empty
 * one breaks DynamoDB Local's stream records).
 */
const READ_MARK = 'read:';
/** Marks set in one update, to stay well inside an expression's 4 KB. */
const MARKS_AT_ONCE = 50;
/** Entry writes at once: each is its own small request. */
const FEED_PARALLEL = 25;

/** The stored item: flat audience attributes for the feed's filter, and the indexes of its state. */
function bulletinItem({ riskyPhotos, ...b }: BulletinRecord) {
  const order = `${b.publishedAt ?? b.createdAt}#${b.bulletinId}`;
  return {
    ...keys.bulletin(b.communityId, b.bulletinId),
    ...b,
    // The whole item is rewritten on each change: the marks go with it (the version guards against a verdict in between).
    ...riskySet(riskyPhotos),
    audienceType: b.audience.type,
    audienceEstates: b.audience.type === 'estates' ? b.audience.estateIds : [],
    audienceGrids: b.audience.type === 'grids' ? b.audience.gridIds : [],
    // Editors' lists by status, newest first.
    gsi3pk: keys.bulletinsByStatus(b.communityId, b.status),
    gsi3sk: `${b.updatedAt}#${b.bulletinId}`,
    ...(b.status === 'published'
      ? {
          // By publication time, for unread counts over a recent window.
          gsi2pk: keys.bulletinTimeline(b.communityId),
          gsi2sk: order,
        }
      : {}),
    // Never at once with the one below: only a bulletin that is or was published has feed entries to bring in step.
    ...(b.feedSync === 'pending' ? { gsi5pk: toFanOut(b.communityId), gsi5sk: order } : {}),
    ...(b.status === 'approved' && b.publishAt
      ? { gsi5pk: keys.bulletinsDue(b.communityId), gsi5sk: `${b.publishAt}#${b.bulletinId}` }
      : {}),
    ...(b.status === 'published' && b.announce === 'pending'
      ? { gsi4pk: toAnnounce(b.communityId), gsi4sk: order }
      : {}),
  };
}

export interface Home {
  estateId: string;
  gridId: string | null;
}

/** The unread count's audience filter (it reads every page, so none comes up short): the community, the reader's estate or grid. */
function audienceFilter(home: Home | null) {
  if (!home) return { values: {} };
  return {
    FilterExpression: '(audienceType = :all OR contains(audienceEstates, :estate) OR contains(audienceGrids, :grid))',
    values: { ':all': 'community', ':estate': home.estateId, ':grid': home.gridId ?? '-' },
  };
}

/** An entry's fields and index keys (its key and its readers' marks aside). */
function feedEntryFields(communityId: string, unit: string, { riskyPhotos, ...entry }: FeedEntryRecord) {
  const order = `${entry.pinned ? 1 : 0}#${entry.publishedAt}#${entry.bulletinId}`;
  return {
    ...entry,
    ...(riskyPhotos?.length ? { riskyPhotos } : {}),
    gsi1pk: feedPartition(communityId, unit),
    gsi1sk: order,
    gsi2pk: feedKindPartition(communityId, unit, entry.kind),
    gsi2sk: order,
  };
}

/** The entry's attributes a feed page reads, besides the one reader's own mark. */
const FEED_FIELDS = [
  'bulletinId',
  'title',
  'kind',
  'coverKey',
  'riskyPhotos',
  'excerpt',
  'important',
  'pinned',
  'publishedAt',
] as const;

function toFeedEntry(item: Record<string, unknown>): FeedEntryRecord {
  const { pk: _pk, sk: _sk, version: _version, ...copy } = item;
  for (const name of Object.keys(copy))
    if (FEED_INDEXES.includes(name) || name.startsWith(READ_MARK)) delete copy[name];
  return copy as unknown as FeedEntryRecord;
}

export function createBulletinsRepository(table: TableRef) {
  const TableName = table.tableName;

  async function write(items: TransactItem[], idem: Idempotency | undefined, now: Date, response: unknown) {
    try {
      await writeTransaction(table, idem ? [idempotencyPut(table, idem, response, now), ...items] : items);
      return null;
    } catch (error) {
      if (error instanceof TransactionRefused && idem && error.failed(0)) return replayIdempotent(table, idem);
      throw error;
    }
  }

  /** The reader's mark on their building's feed entry, which their feed page reads; none when it has no entry there. */
  async function markOnEntry(b: BulletinRecord, read: ReadRecord) {
    if (!read.buildingId) return;
    try {
      await table.doc.send(
        new UpdateCommand({
          TableName,
          Key: feedEntryKey(b.communityId, b.bulletinId, buildingUnit(read.buildingId)),
          UpdateExpression: 'SET #me = :yes',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#me': `${READ_MARK}${read.userId}` },
          ExpressionAttributeValues: { ':yes': true },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  return {
    async get(communityId: string, bulletinId: string): Promise<BulletinRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.bulletin(communityId, bulletinId), ConsistentRead: true }),
      );
      return out.Item ? toBulletin(out.Item) : undefined;
    },

    /** A new bulletin; `extra` (its images' checks) commits with it. */
    async create(b: BulletinRecord, idem: Idempotency, now: Date, extra: readonly TransactItem[] = []) {
      return write(
        [{ Put: { TableName, Item: bulletinItem(b), ConditionExpression: 'attribute_not_exists(pk)' } }, ...extra],
        idem,
        now,
        { bulletinId: b.bulletinId },
      );
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
            Item: bulletinItem({ ...after, version: before.version + 1 }),
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
            Item: {
              ...keys.bulletinRevision(before.communityId, before.bulletinId, before.revision),
              ...text,
              savedAt: now.toISOString(),
            },
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
      const [index, pk] = kind
        ? (['gsi2', feedKindPartition(communityId, unit, kind)] as const)
        : (['gsi1', feedPartition(communityId, unit)] as const);
      // A building's entries carry their readers' marks: the page reads its reader's alone, in the same query.
      const names = Object.fromEntries(FEED_FIELDS.map((f, i) => [`#f${i}`, f]));
      const mine =
        buildingId === null
          ? {}
          : {
              ProjectionExpression: [...Object.keys(names), '#me'].join(', '),
              ExpressionAttributeNames: { ...names, '#me': `${READ_MARK}${readerId}` },
            };
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk`,
          ExpressionAttributeValues: { ':pk': pk },
          ...mine,
          ExclusiveStartKey: decodeCursor(cursor, { [`${index}pk`]: pk }),
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      const items = out.Items ?? [];
      return {
        items: items.map(toFeedEntry),
        cursor: encodeCursor(out.LastEvaluatedKey),
        /** Which of them the reader has read; undefined for the community's feed (ask `readBy`). */
        read:
          buildingId === null
            ? undefined
            : new Set(
                items.filter((i) => i[`${READ_MARK}${readerId}`] !== undefined).map((i) => i.bulletinId as string),
              ),
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
      const inPartition = (prefix: string, projection: string) =>
        queryAll(table, {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.bulletinPartition(communityId, bulletinId), ':prefix': prefix },
          ProjectionExpression: projection,
        });
      const [existing, receipts] = await Promise.all([
        inPartition('FEED#', 'sk, gsi1pk'),
        entry ? inPartition('READ#', 'userId, buildingId') : Promise.resolve([]),
      ]);
      // A new building entry starts with the marks of readers it already has (from a link, or before this feed).
      const marksOf = (unit: string) =>
        receipts.filter((r) => unit === buildingUnit(String(r.buildingId))).map((r) => `${READ_MARK}${r.userId}`);
      const listed = existing.filter((i) => i.gsi1pk !== undefined).map((i) => String(i.sk).slice('FEED#'.length));
      // Each write carries the bulletin's version: a slower sync of an older one never overwrites a newer.
      const newer = {
        ConditionExpression: 'attribute_not_exists(version) OR version <= :v',
        ExpressionAttributeValues: { ':v': version },
      };
      const unlessNewer = async (write: Promise<unknown>) => {
        try {
          await write;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      };
      const known = new Set(existing.map((i) => String(i.sk).slice('FEED#'.length)));
      // Updated, not replaced: a building entry keeps the marks its readers left on it.
      const put = (unit: string) => async () => {
        const fields = { ...feedEntryFields(communityId, unit, entry as FeedEntryRecord), version };
        const names = Object.keys(fields);
        await unlessNewer(
          table.doc.send(
            new UpdateCommand({
              TableName,
              Key: feedEntryKey(communityId, bulletinId, unit),
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
              Key: feedEntryKey(communityId, bulletinId, unit),
              UpdateExpression: `SET ${some.map((_, k) => `#m${k} = :yes`).join(', ')}`,
              ExpressionAttributeNames: Object.fromEntries(some.map((mark, k) => [`#m${k}`, mark])),
              ExpressionAttributeValues: { ':yes': true },
            }),
          );
        }
      };
      const takeOut = (unit: string) => () =>
        unlessNewer(
          table.doc.send(
            new UpdateCommand({
              TableName,
              Key: feedEntryKey(communityId, bulletinId, unit),
              UpdateExpression: `SET version = :v REMOVE ${FEED_INDEXES.join(', ')}`,
              ...newer,
            }),
          ),
        );
      const writes = [...[...wanted].map(put), ...listed.filter((unit) => !wanted.has(unit)).map(takeOut)];
      for (let i = 0; i < writes.length; i += FEED_PARALLEL) {
        if (Date.now() - started > budgetMs) return false;
        await Promise.all(writes.slice(i, i + FEED_PARALLEL).map((write) => write()));
      }
      return true;
    },

    /** The feed entries are in step with this version: it leaves the sweep's queue (a later write puts it back). */
    async markFeedSynced(b: BulletinRecord): Promise<void> {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.bulletin(b.communityId, b.bulletinId),
            UpdateExpression: 'REMOVE feedSync, gsi5pk, gsi5sk',
            ConditionExpression: 'version = :v AND feedSync = :pending',
            ExpressionAttributeValues: { ':v': b.version, ':pending': 'pending' },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    /** Whether the community's published bulletins from before the per-unit feed have their entries. */
    async feedBackfilled(communityId: string): Promise<boolean> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: feedBackfillKey(communityId) }));
      return out.Item !== undefined;
    },

    async markFeedBackfilled(communityId: string): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: feedBackfillKey(communityId) }));
    },

    /** Bulletins whose feed entries are not in step yet. */
    async unsynced(communityId: string): Promise<BulletinRecord[]> {
      const items = await queryAll(table, {
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk',
        ExpressionAttributeValues: { ':pk': toFanOut(communityId) },
      });
      return items.map(toBulletin);
    },

    /** Published since `since`, in the reader's audience: the denominator of the unread badge. */
    async publishedSince(communityId: string, home: Home | null, since: string) {
      const filter = audienceFilter(home);
      const items = await queryAll(table, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :since',
        ...(filter.FilterExpression ? { FilterExpression: filter.FilterExpression } : {}),
        ExpressionAttributeValues: { ':pk': keys.bulletinTimeline(communityId), ':since': since, ...filter.values },
        ProjectionExpression: 'bulletinId, important',
      });
      return items as { bulletinId: string; important: boolean }[];
    },

    async byStatus(communityId: string, status: BulletinStatus, cursor: string | undefined, limit: number) {
      const pk = keys.bulletinsByStatus(communityId, status);
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: decodeCursor(cursor, { gsi3pk: pk }),
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return { items: (out.Items ?? []).map(toBulletin), cursor: encodeCursor(out.LastEvaluatedKey) };
    },

    async due(communityId: string, now: string) {
      const items = await queryAll(table, {
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk <= :now',
        ExpressionAttributeValues: { ':pk': keys.bulletinsDue(communityId), ':now': `${now}#~` },
      });
      return items.map(toBulletin);
    },

    /** Important bulletins published whose announcement in 消息 is not finished. */
    async unannounced(communityId: string): Promise<BulletinRecord[]> {
      const items = await queryAll(table, {
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        ExpressionAttributeValues: { ':pk': toAnnounce(communityId) },
      });
      return items.map(toBulletin);
    },

    /**
     * Every resident of the audience has it in 消息: it leaves the queue. No
     * version bump, so an editor's save is not refused for it; a save from
     * before puts it back in the queue, and announcing again writes nothing twice.
     */
    async markAnnounced(b: BulletinRecord, at: string): Promise<void> {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.bulletin(b.communityId, b.bulletinId),
            UpdateExpression: 'SET announce = :done, announcedAt = :at REMOVE gsi4pk, gsi4sk',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':done': 'done', ':at': at },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    /** Which of these bulletins the reader has read: one batch read. */
    async readBy(userId: string, communityId: string, bulletinIds: string[]): Promise<Set<string>> {
      if (bulletinIds.length === 0) return new Set();
      const read = new Set<string>();
      for (let i = 0; i < bulletinIds.length; i += 100) {
        let request: Record<string, unknown>[] | undefined = bulletinIds
          .slice(i, i + 100)
          .map((id) => keys.readOfUser(userId, communityId, id));
        while (request?.length) {
          const out = await table.doc.send(
            new BatchGetCommand({
              RequestItems: { [TableName]: { Keys: request, ProjectionExpression: 'bulletinId' } },
            }),
          );
          for (const item of out.Responses?.[TableName] ?? []) read.add(item.bulletinId as string);
          request = out.UnprocessedKeys?.[TableName]?.Keys as Record<string, unknown>[] | undefined;
        }
      }
      return read;
    },

    /** Read ids of a reader in a community since `since`. */
    async readsOfUserSince(userId: string, communityId: string, since: string): Promise<Set<string>> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        FilterExpression: 'publishedAt >= :since',
        ExpressionAttributeValues: {
          ':pk': keys.userPartition(userId),
          ':prefix': `READ#${communityId}#`,
          ':since': since,
        },
        ProjectionExpression: 'bulletinId',
      });
      return new Set(items.map((i) => i.bulletinId as string));
    },

    /** A receipt, once per reader: both sides and the count move together, a retry changes nothing. */
    async markRead(b: BulletinRecord, read: ReadRecord): Promise<boolean> {
      try {
        await writeTransaction(table, [
          {
            Put: {
              TableName,
              Item: { ...keys.bulletinRead(b.communityId, b.bulletinId, read.userId), ...read },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName,
              Item: {
                ...keys.readOfUser(read.userId, b.communityId, b.bulletinId),
                bulletinId: b.bulletinId,
                publishedAt: b.publishedAt,
                at: read.at,
              },
            },
          },
          {
            Update: {
              TableName,
              Key: keys.bulletin(b.communityId, b.bulletinId),
              UpdateExpression: 'ADD readCount :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ]);
        await markOnEntry(b, read);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefused && error.failed(0)) {
          // A retry after the receipt but before its mark on the feed finishes the mark.
          await markOnEntry(b, read);
          return false;
        }
        throw error;
      }
    },

    async readers(communityId: string, bulletinId: string): Promise<ReadRecord[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :read)',
        ExpressionAttributeValues: { ':pk': keys.bulletinPartition(communityId, bulletinId), ':read': 'READ#' },
      });
      return items.map(({ pk: _pk, sk: _sk, ...rest }) => rest as unknown as ReadRecord);
    },

    /** Bulk load (seeding, benchmarks): published bulletins written as they are, with their feed entries. */
    async putMany(records: { bulletin: BulletinRecord; entry: FeedEntryRecord; buildingIds: readonly string[] }[]) {
      await batchWriteAll(
        table,
        records.flatMap(({ bulletin: b, entry, buildingIds }) => [
          { PutRequest: { Item: bulletinItem(b) } },
          ...[COMMUNITY_UNIT, ...buildingIds.map(buildingUnit)].map((unit) => ({
            PutRequest: {
              Item: {
                ...feedEntryKey(b.communityId, b.bulletinId, unit),
                ...feedEntryFields(b.communityId, unit, entry),
                version: b.version,
              },
            },
          })),
        ]),
      );
    },

    /**
     * An issue of the newsletter; its fields are set (never the verdicts'
     * marks), and `extra` (the cover's check) commits with it.
     */
    async putNewsletter(
      communityId: string,
      issue: Omit<NewsletterRecord, 'riskyPhotos'>,
      extra: readonly TransactItem[] = [],
    ) {
      await writeTransaction(table, [
        {
          Update: {
            TableName,
            Key: keys.newsletter(communityId, issue.issueId),
            UpdateExpression:
              'SET title = :t, coverKey = :c, bulletinIds = :b, createdAt = if_not_exists(createdAt, :at), issueId = :id',
            ExpressionAttributeValues: {
              ':t': issue.title,
              ':c': issue.coverKey,
              ':b': issue.bulletinIds,
              ':at': issue.createdAt,
              ':id': issue.issueId,
            },
          },
        },
        ...extra,
      ]);
    },

    async newsletter(communityId: string, issueId: string): Promise<NewsletterRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: keys.newsletter(communityId, issueId) }));
      return out.Item ? (risky(out.Item) as unknown as NewsletterRecord) : undefined;
    },

    async newsletters(communityId: string): Promise<Omit<NewsletterRecord, 'bulletinIds'>[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.newsletters(communityId) },
      });
      return items.map((i) => risky(i) as unknown as NewsletterRecord);
    },
  };
}

export type BulletinsRepository = ReturnType<typeof createBulletinsRepository>;
