import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { inQueue, type QueueFilter, type QueueScope, queueFilter } from './feedback.js';
import { households } from './households.js';
import { keys } from './keys.js';
import { heldCredits, heldOfStatus } from './points/held.js';
import { INDEX } from './table-definition.js';

/**
 * Counts of waiting work for the workbench: key queries with `Select: 'COUNT'` (no Scan, no items sent
 * back), on the same partitions and with the same filters as the lists they stand for.
 */
export function createWorkbenchCounts(table: TableRef) {
  const TableName = table.tableName;

  /** Every page of a counting query: DynamoDB stops at 1 MB read, so follow LastEvaluatedKey. */
  async function count(input: Omit<QueryCommandInput, 'TableName' | 'Select' | 'ExclusiveStartKey'>) {
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await table.doc.send(
        new QueryCommand({ TableName, ...input, Select: 'COUNT', ExclusiveStartKey: start }),
      );
      total += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return total;
  }

  return {
    /** Open reports in a queue (the staff queue's partitions: community, grid or assignee) matching `filter`. */
    openFeedback(communityId: string, scope: QueueScope, filter: QueueFilter) {
      return inQueue(communityId, scope, 'open').count(table, { filter: queueFilter(filter) });
    },

    /** Household bindings of one status (the admin's 住户审核 list). */
    households(communityId: string, status: string) {
      return households.count(table, 'ofStatus', { communityId, status });
    },

    /** Bulletins of one review status (公告审核). */
    bulletins(communityId: string, status: string) {
      return count({
        IndexName: INDEX.gsi3,
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.bulletinsByStatus(communityId, status) },
      });
    },

    /** Weigh-ins of one status in the community's held partition (待审核称重). */
    heldWeighIns(communityId: string, status: string) {
      return heldCredits.count(table, 'ofCommunity', { communityId }, { filter: heldOfStatus(status) });
    },
  };
}

export type WorkbenchCountsRepository = ReturnType<typeof createWorkbenchCounts>;
