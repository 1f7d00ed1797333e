/**
 * Who opted in to the neighbourhood leaderboard and under which name. Kept in
 * the person's partition (erasure removes it), listed per community by gsi1.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

export interface OptInRecord {
  userId: string;
  communityId: string;
  displayName: string;
  at: string;
}

export function createLeaderboardRepository(table: TableRef) {
  const TableName = table.tableName;
  return {
    async get(userId: string, communityId: string): Promise<OptInRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: keys.leaderboardOptIn(userId, communityId), ConsistentRead: true }),
      );
      return out.Item
        ? {
            userId: out.Item.userId as string,
            communityId: out.Item.communityId as string,
            displayName: out.Item.displayName as string,
            at: out.Item.at as string,
          }
        : undefined;
    },

    async optIn(r: OptInRecord): Promise<void> {
      await table.doc.send(
        new PutCommand({
          TableName,
          Item: {
            ...keys.leaderboardOptIn(r.userId, r.communityId),
            gsi1pk: keys.leaderboardOptIns(r.communityId),
            gsi1sk: r.userId,
            kind: 'leaderboard',
            ...r,
          },
        }),
      );
    },

    async optOut(userId: string, communityId: string): Promise<void> {
      await table.doc.send(new DeleteCommand({ TableName, Key: keys.leaderboardOptIn(userId, communityId) }));
    },

    /** Everyone in the community who opted in (a few hundred at most; only the fields shown). */
    async optIns(communityId: string): Promise<{ userId: string; displayName: string }[]> {
      const items = await queryAll(table, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.leaderboardOptIns(communityId) },
        ProjectionExpression: 'userId, displayName',
      });
      return items as { userId: string; displayName: string }[];
    },
  };
}

export type LeaderboardRepository = ReturnType<typeof createLeaderboardRepository>;
