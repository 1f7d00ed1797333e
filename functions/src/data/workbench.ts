import { bulletins } from './bulletins/bulletin.js';
import type { TableRef } from './client.js';
import { inQueue, type QueueFilter, type QueueScope, queueFilter } from './feedback.js';
import { households } from './households.js';
import { heldCredits, heldOfStatus } from './points/held.js';

/**
 * Counts of waiting work for the workbench: key queries with `Select: 'COUNT'` (no Scan, no items sent
 * back), on the same partitions and with the same filters as the lists they stand for.
 */
export function createWorkbenchCounts(table: TableRef) {
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
      return bulletins.count(table, 'ofStatus', { communityId, status });
    },

    /** Weigh-ins of one status in the community's held partition (待审核称重). */
    heldWeighIns(communityId: string, status: string) {
      return heldCredits.count(table, 'ofCommunity', { communityId }, { filter: heldOfStatus(status) });
    },
  };
}

export type WorkbenchCountsRepository = ReturnType<typeof createWorkbenchCounts>;
