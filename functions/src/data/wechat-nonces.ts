import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';

/** Longer than the accepted clock skew of a push, so a replay inside the window is always caught. */
const KEEP_SECONDS = 15 * 60;

export const wechatNonces = entity({
  kind: 'wxnonce',
  doc: 'The nonce of a WeChat push already accepted (a replay is refused); gone by TTL.',
  schema: z.object({ nonce: z.string(), expiresAt: z.number() }),
  key: { pk: 'WXNONCE#{nonce}', sk: 'NONCE' },
});

/** Nonces of WeChat pushes already accepted, gone by TTL. */
export function createWechatNonces(table: TableRef) {
  return {
    async remember(nonce: string, now: Date): Promise<boolean> {
      const epoch = Math.floor(now.getTime() / 1000);
      try {
        await table.doc.send(
          new PutCommand({
            TableName: table.tableName,
            Item: wechatNonces.item({ nonce, expiresAt: epoch + KEEP_SECONDS }),
            // TTL deletes late: an expired item counts as gone.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': epoch },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
