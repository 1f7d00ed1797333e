/**
 * Open311 API keys. A key belongs to one community and is kept only as its
 * SHA-256 hash: once under the community (which keys it has issued) and once
 * under the hash itself, so a POST verifies a key with one GetItem. The raw
 * key is shown once, when issued, and never stored.
 */
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { writeTransaction } from './transactions.js';

export interface Open311KeyRecord {
  keyId: string;
  communityId: string;
  createdAt: string;
  /** The admin who issued it. */
  createdBy: string;
}

const openKeys = {
  /** In the community's partition (without `kind`, so reading the community skips it). */
  ofCommunity: (communityId: string, keyId: string) => ({ pk: keys.community(communityId), sk: `OPEN311KEY#${keyId}` }),
  byHash: (hash: string) => ({ pk: `OPEN311KEY#${hash}`, sk: 'OPEN311KEY' }),
};

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
            Item: { ...openKeys.ofCommunity(record.communityId, record.keyId), ...record, keyHash },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName,
            Item: { ...openKeys.byHash(keyHash), ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    },

    /** The key a client presented, if it is one we issued. */
    async find(apiKey: string): Promise<Open311KeyRecord | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: openKeys.byHash(hashApiKey(apiKey)) }));
      if (!out.Item) return undefined;
      const { keyId, communityId, createdAt, createdBy } = out.Item as Open311KeyRecord;
      return { keyId, communityId, createdAt, createdBy };
    },
  };
}

export type Open311KeysRepository = ReturnType<typeof createOpen311KeysRepository>;
