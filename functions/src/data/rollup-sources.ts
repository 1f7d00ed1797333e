/**
 * What the roll-up rebuild reads: every raw item the roll-ups count, of one
 * community, by the same key queries the pages used before the roll-ups
 * (never a scan). Only the rebuild reads this much.
 */
import { bulletins } from './bulletins/bulletin.js';
import type { TableRef } from './client.js';
import { reports } from './feedback.js';
import { households } from './households.js';
import { ledgerEntries } from './points/ledger.js';

export function createRollupSources(table: TableRef) {
  return {
    /** Every report of the community, open and done. */
    async reports(communityId: string) {
      const groups = await Promise.all(
        (['open', 'done'] as const).map((group) => reports.all(table, 'ofCommunity', { communityId, group })),
      );
      return groups.flat();
    },

    /** Every ledger entry of the months `from`–`now`, month by month. */
    async ledger(communityId: string, months: readonly string[]) {
      const entries = await Promise.all(
        months.map((month) =>
          ledgerEntries.fields(table, 'ofMonth', { communityId, month }, [
            'communityId',
            'userId',
            'type',
            'points',
            'month',
            'lines',
            'buildingId',
          ]),
        ),
      );
      return entries.flat();
    },

    async approvedHomes(communityId: string) {
      return households.all(table, 'ofStatus', { communityId, status: 'approved' });
    },

    /** Every published bulletin of the community. */
    async publishedBulletins(communityId: string) {
      return bulletins.all(table, 'timeline', { communityId });
    },
  };
}

export type RollupSources = ReturnType<typeof createRollupSources>;
