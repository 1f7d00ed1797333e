/**
 * Read receipts, once per reader and bulletin, on both sides: in the
 * bulletin's partition (who read it, where they live: the read figures) and
 * in the reader's (what they read: the unread badge is a key query). The
 * reader's mark on their building's feed entry goes with it (`feed.ts`).
 */
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { entity } from '../entity.js';
import { batchGetAll } from '../query.js';
import { TransactionRefused, writeTransaction } from '../transactions.js';
import { BULLETIN_PK, type BulletinRecord, bulletins } from './bulletin.js';

export const ReadSchema = z.object({
  userId: z.string(),
  at: z.string(),
  /** Where the reader lived when they read it (null: not a resident). */
  estateId: z.string().nullable(),
  buildingId: z.string().nullable(),
  gridId: z.string().nullable(),
});
export type ReadRecord = z.infer<typeof ReadSchema>;

/** The bulletin's side: who read it and where they live. */
export const bulletinReads = entity({
  kind: 'bulletin-read',
  tagged: false,
  doc: "A reader's receipt in the bulletin's partition: who, when, and their estate, building and grid.",
  schema: ReadSchema,
  key: { pk: BULLETIN_PK, sk: 'READ#{userId}' },
  patterns: {
    ofBulletin: {
      doc: "A bulletin's receipts: its read figures, and the marks a new building entry of the feed starts with.",
      index: 'table',
      pk: BULLETIN_PK,
      skPrefix: 'READ#',
    },
  },
});

const USER_PK = 'USER#{userId}';

/** The reader's side of a receipt, so a person's unread count is a key query (erasure takes it with the person). */
export const readsOfUser = entity({
  kind: 'read-of-user',
  tagged: false,
  doc: "A receipt in the reader's partition: which bulletin, when it was published and when it was read.",
  schema: z.object({ bulletinId: z.string(), publishedAt: z.string().nullable(), at: z.string() }),
  key: { pk: USER_PK, sk: 'READ#{communityId}#{bulletinId}' },
  patterns: {
    ofUser: {
      doc: "A reader's receipts (the sort key goes on with the community), filtered to a recent window: the unread badge.",
      index: 'table',
      pk: USER_PK,
      skPrefix: 'READ#',
    },
  },
});

export function createReadsRepository(
  table: TableRef,
  feed: { markEntryRead(b: BulletinRecord, read: ReadRecord): Promise<void> },
) {
  const TableName = table.tableName;

  return {
    /** Which of these bulletins the reader has read: batch reads of their receipts. */
    async readBy(userId: string, communityId: string, bulletinIds: string[]): Promise<Set<string>> {
      if (bulletinIds.length === 0) return new Set();
      const items = await batchGetAll(
        table,
        bulletinIds.map((bulletinId) => readsOfUser.key({ userId, communityId, bulletinId })),
      );
      return new Set(items.map((item) => readsOfUser.parse(item).bulletinId));
    },

    /** Read ids of a reader in a community, of bulletins published since `since`. */
    async readsOfUserSince(userId: string, communityId: string, since: string): Promise<Set<string>> {
      const read = await readsOfUser.fields(table, 'ofUser', { userId }, ['bulletinId'], {
        prefix: `${communityId}#`,
        filter: { expression: 'publishedAt >= :since', values: { ':since': since } },
      });
      return new Set(read.map((r) => r.bulletinId));
    },

    /** A receipt, once per reader: both sides and the count move together, a retry changes nothing. */
    async markRead(b: BulletinRecord, read: ReadRecord): Promise<boolean> {
      try {
        await writeTransaction(table, [
          {
            Put: {
              TableName,
              Item: bulletinReads.item(read, b),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName,
              Item: readsOfUser.item(
                { bulletinId: b.bulletinId, publishedAt: b.publishedAt, at: read.at },
                { userId: read.userId, communityId: b.communityId },
              ),
            },
          },
          {
            Update: {
              TableName,
              Key: bulletins.key(b),
              UpdateExpression: 'ADD readCount :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ]);
        await feed.markEntryRead(b, read);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefused && error.failed(0)) {
          // A retry after the receipt but before its mark on the feed finishes the mark.
          await feed.markEntryRead(b, read);
          return false;
        }
        throw error;
      }
    },

    readers(communityId: string, bulletinId: string): Promise<ReadRecord[]> {
      return bulletinReads.all(table, 'ofBulletin', { communityId, bulletinId });
    },
  };
}
