/**
 * What the roll-up rebuild reads: every raw item the roll-ups count, of one
 * community, by the same key queries the pages used before the roll-ups
 * (never a scan). Only the rebuild reads this much.
 */
import { bulletins } from './bulletins/bulletin.js';
import type { TableRef } from './client.js';
import { reports } from './feedback.js';
import { households } from './households.js';
import { heldCredits } from './points/held.js';
import { ledgerEntries } from './points/ledger.js';
import { createSortQualityRepository } from './points/sort-quality.js';
import { createRollupsRepository } from './rollups.js';
import { createStreetsRepository } from './streets.js';

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
            'entryId',
            'sortFlag',
          ]),
        ),
      );
      return entries.flat();
    },

    /** Every weigh-in held for an admin, whatever was decided (the sort-quality counters count them when held). */
    async heldWeighIns(communityId: string) {
      return heldCredits.all(table, 'ofCommunity', { communityId });
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

/** What the rebuild reads and writes, over one table (the CLI, the local stack's seed, the tests). */
export function createRebuildDeps(table: TableRef) {
  return {
    sources: createRollupSources(table),
    streets: createStreetsRepository(table),
    rollups: createRollupsRepository(table),
    sortQuality: createSortQualityRepository(table),
    now: () => new Date(),
  };
}
