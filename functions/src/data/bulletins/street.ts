/**
 * A street bulletin (街道公告), in the street's own partition: written and
 * reviewed at the street. Once approved it has a copy in each community it
 * is for (`bulletin.ts`, the same id, with `origin`), written in the same
 * transaction as the street's change; the copies are what the communities'
 * feeds, read receipts and the publish sweep work on, as for their own.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { BULLETIN_STATUSES, type BulletinStatus } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { entity } from '../entity.js';
import { type Idempotency, idempotencyPut, replayIdempotent } from '../idempotency.js';
import { batchGetAll } from '../query.js';
import { INDEX } from '../table-definition.js';
import { type TransactItem, TransactionRefused, writeTransaction } from '../transactions.js';
import { type BulletinRecord, BulletinSchema, bulletins } from './bulletin.js';

const StreetAudienceRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('street') }),
  z.object({ type: z.literal('communities'), communityIds: z.array(z.string()) }),
]);

export const StreetBulletinSchema = BulletinSchema.omit({
  communityId: true,
  audience: true,
  origin: true,
  announce: true,
  announcedAt: true,
  feedSync: true,
}).extend({
  streetId: z.string(),
  streetName: z.string(),
  audience: StreetAudienceRecordSchema,
  status: z.enum(BULLETIN_STATUSES),
});
export type StreetBulletinRecord = z.infer<typeof StreetBulletinSchema>;

export const streetBulletins = entity({
  kind: 'street-bulletin',
  // Its own `kind` is the bulletin's kind, so its items are untagged; its sort key is not `BULLETIN`, so the roll-ups pass it by.
  tagged: false,
  doc:
    "A street bulletin: the community bulletin's text, kind and review state, for all the street's communities " +
    'or chosen ones; once approved each of them holds a copy (the same id, with `origin`).',
  schema: StreetBulletinSchema,
  key: { pk: 'STREET#{streetId}#BUL#{bulletinId}', sk: 'STREET_BULLETIN' },
  indexes: { [INDEX.gsi3]: { pk: 'STRBUL#{streetId}#{status}', sk: '{updatedAt}#{bulletinId}' } },
  // The verdicts ADD to the marks: they are a string set in the table (the version guards a rewrite in between).
  toItem: (b) => ({ riskyPhotos: b.riskyPhotos?.length ? new Set(b.riskyPhotos) : undefined }),
  patterns: {
    ofStatus: {
      doc: "A street's bulletins of one status, last changed first: the street admins' lists.",
      index: INDEX.gsi3,
      pk: 'STRBUL#{streetId}#{status}',
      descending: true,
    },
  },
});

/** A published street text a new revision replaced, as it was; `{paddedRevision}` is its revision in 4 digits. */
export const streetBulletinRevisions = entity({
  kind: 'street-bulletin-revision',
  tagged: false,
  doc: "A published street bulletin's text a new revision replaced, as it was (its copies carry the new one).",
  schema: StreetBulletinSchema.omit({ riskyPhotos: true }).extend({ savedAt: z.string() }),
  key: { pk: 'STREET#{streetId}#BUL#{bulletinId}', sk: 'STREET_REV#{paddedRevision}' },
  derived: (r) => ({ paddedRevision: String(r.revision).padStart(4, '0') }),
});

/** What a street bulletin's change writes of its copies: each put if still as it was read; never-published ones removed. */
export interface CopyWrites {
  put: { copy: BulletinRecord; before: BulletinRecord | undefined }[];
  remove: BulletinRecord[];
}

/** Puts a copy as it is now, if it is still as it was read (absent, or of the version read). */
function copyPut(table: TableRef, copy: BulletinRecord, before: BulletinRecord | undefined): TransactItem {
  return {
    Put: {
      TableName: table.tableName,
      Item: bulletins.item(copy),
      ...(before
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

/** Removes a copy that was never published (approved, then sent back or withdrawn). */
function copyDelete(table: TableRef, before: BulletinRecord): TransactItem {
  return {
    Delete: {
      TableName: table.tableName,
      Key: bulletins.key(before),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': before.version },
    },
  };
}

/** A kept text is the text alone: the verdicts' marks stay with the street bulletin. */
function textOf(b: StreetBulletinRecord) {
  const { riskyPhotos: _marks, ...text } = b;
  return text;
}

export function createStreetBulletinsRepository(table: TableRef) {
  const TableName = table.tableName;
  return {
    async getStreetBulletin(streetId: string, bulletinId: string): Promise<StreetBulletinRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: streetBulletins.key({ streetId, bulletinId }), ConsistentRead: true }),
      );
      return out.Item ? streetBulletins.parse(out.Item) : undefined;
    },

    /** A new street bulletin; a replayed key answers the first one's id. */
    async createStreetBulletin(
      b: StreetBulletinRecord,
      idem: Idempotency,
      now: Date,
      /** Its pictures' checks with WeChat (`photo-checks.ts`), queued with it. */
      checks: TransactItem[] = [],
    ) {
      try {
        await writeTransaction(table, [
          idempotencyPut(table, idem, { bulletinId: b.bulletinId }, now),
          { Put: { TableName, Item: streetBulletins.item(b), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...checks,
        ]);
        return null;
      } catch (error) {
        if (error instanceof TransactionRefused && error.failed(0)) return replayIdempotent(table, idem);
        throw error;
      }
    },

    /** Writes the changed street bulletin if nobody changed it since it was read, with its copies' writes, or nothing. */
    async updateStreetBulletin(
      before: StreetBulletinRecord,
      after: StreetBulletinRecord,
      copies: CopyWrites = { put: [], remove: [] },
      /** The published text it replaces is kept (an edit of a published one). */
      keepRevisionAt?: string,
      /** Checks of pictures new to it, queued with the change. */
      checks: TransactItem[] = [],
    ): Promise<boolean> {
      try {
        await writeTransaction(table, [
          {
            Put: {
              TableName,
              Item: streetBulletins.item({ ...after, version: before.version + 1 }),
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': before.version },
            },
          },
          ...(keepRevisionAt
            ? [
                {
                  Put: {
                    TableName,
                    Item: streetBulletinRevisions.item({ ...textOf(before), savedAt: keepRevisionAt }),
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
              ]
            : []),
          ...copies.put.map(({ copy, before }) => copyPut(table, copy, before)),
          ...copies.remove.map((before) => copyDelete(table, before)),
          ...checks,
        ]);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefused) return false;
        throw error;
      }
    },

    streetBulletinsByStatus(streetId: string, status: BulletinStatus, cursor: string | undefined, limit: number) {
      return streetBulletins.page(table, 'ofStatus', { streetId, status }, { cursor, limit });
    },

    /** The copies of street bulletins in these communities (those that exist), in one consistent batch read. */
    async copies(wanted: readonly { bulletinId: string; communityId: string }[]): Promise<BulletinRecord[]> {
      if (wanted.length === 0) return [];
      const items = await batchGetAll(
        table,
        wanted.map((w) => bulletins.key(w)),
        undefined,
        true,
      );
      return items.map((item) => bulletins.parse(item));
    },
  };
}
