/**
 * Open311 API keys. A key belongs to one community and is kept only as its
 * SHA-256 hash: once under the community (which keys it has issued) and once
 * under the hash itself, so a POST verifies a key with one GetItem. The raw
 * key is shown once, when issued, and never stored.
 */
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { writeTransaction } from './transactions.js';

export const Open311KeySchema = z.object({
  keyId: z.string(),
  communityId: z.string(),
  createdAt: z.string(),
  /** The admin who issued it. */
  createdBy: z.string(),
});
export type Open311KeyRecord = z.infer<typeof Open311KeySchema>;

/** Which keys a community issued (in the community's partition). */
export const open311KeysOfCommunity = entity({
  kind: 'open311key',
  doc: 'An Open311 API key a community issued, kept as its SHA-256 hash.',
  schema: Open311KeySchema.extend({ keyHash: z.string() }),
  key: { pk: 'COMM#{communityId}', sk: 'OPEN311KEY#{keyId}' },
});

/** The same key under its hash, so a POST verifies a key with one GetItem. */
export const open311KeysByHash = entity({
  kind: 'open311keyhash',
  doc: 'An Open311 API key under its hash: one GetItem verifies a presented key.',
  schema: Open311KeySchema,
  key: { pk: 'OPEN311KEY#{keyHash}', sk: 'OPEN311KEY' },
});

/** Keys are 256 random bits: a plain SHA-256 cannot be reversed or guessed, so no slow hash is needed. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

export function createOpen311KeysRepository(table: TableRef) {
  const TableName = table.tableName;

  return {
    /** Stores a newly issued key by its hash, in both places at once. */
    async create(record: Open311KeyRecord, apiKey: string): Promise<void> {
      const keyHash = hashApiKey(apiKey);
      await writeTransaction(table, [
        {
          Put: {
            TableName,
            Item: open311KeysOfCommunity.item({ ...record, keyHash }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName,
            Item: open311KeysByHash.item(record, { keyHash }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    },

    /** The key a client presented, if it is one we issued. */
    async find(apiKey: string): Promise<Open311KeyRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: open311KeysByHash.key({ keyHash: hashApiKey(apiKey) }) }),
      );
      return out.Item ? open311KeysByHash.parse(out.Item) : undefined;
    },
  };
}

export type Open311KeysRepository = ReturnType<typeof createOpen311KeysRepository>;
