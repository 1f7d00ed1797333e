/**
 * Who opted in to the neighbourhood leaderboard and under which name. Kept in
 * the person's partition (erasure removes it), listed per community by gsi1.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { INDEX } from './table-definition.js';

export const OptInSchema = z.object({
  userId: z.string(),
  communityId: z.string(),
  displayName: z.string(),
  at: z.string(),
});
export type OptInRecord = z.infer<typeof OptInSchema>;

export const leaderboardOptIns = entity({
  kind: 'leaderboard',
  doc: "A resident's opt-in to the community leaderboard and the name shown; in their partition.",
  schema: OptInSchema,
  key: { pk: 'USER#{userId}', sk: 'LEADERBOARD#{communityId}' },
  indexes: { [INDEX.gsi1]: { pk: 'PTSBOARD#{communityId}', sk: '{userId}' } },
  patterns: {
    ofCommunity: {
      doc: 'Everyone in a community who opted in (a few hundred at most).',
      index: INDEX.gsi1,
      pk: 'PTSBOARD#{communityId}',
    },
  },
});

export function createLeaderboardRepository(table: TableRef) {
  const TableName = table.tableName;
  return {
    async get(userId: string, communityId: string): Promise<OptInRecord | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: leaderboardOptIns.key({ userId, communityId }), ConsistentRead: true }),
      );
      return out.Item ? leaderboardOptIns.parse(out.Item) : undefined;
    },

    async optIn(r: OptInRecord): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: leaderboardOptIns.item(r) }));
    },

    async optOut(userId: string, communityId: string): Promise<void> {
      await table.doc.send(new DeleteCommand({ TableName, Key: leaderboardOptIns.key({ userId, communityId }) }));
    },

    /** Everyone in the community who opted in (only the fields shown). */
    optIns(communityId: string): Promise<{ userId: string; displayName: string }[]> {
      return leaderboardOptIns.fields(table, 'ofCommunity', { communityId }, ['userId', 'displayName']);
    },
  };
}

export type LeaderboardRepository = ReturnType<typeof createLeaderboardRepository>;
