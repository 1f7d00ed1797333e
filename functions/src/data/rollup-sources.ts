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
import { countsOf, type SortQualityRecord, sortQualityCounters } from './points/sort-quality.js';
import { batchWriteAll } from './query.js';
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

/**
 * The rebuild's sort-quality counters of months `from` on, written over what is kept: each whole, and a kept one
 * the weigh-ins no longer support deleted. Answers how many were written and how many differed. The rebuild's
 * alone (no Lambda writes counters but by the weigh-in's ADD).
 */
export async function replaceSortQuality(
  table: TableRef,
  communityId: string,
  records: readonly SortQualityRecord[],
  from: string,
) {
  const kept = await sortQualityCounters.all(table, 'ofMonths', { communityId }, { from: `${from}#`, to: '~' });
  const skOf = (r: SortQualityRecord) => sortQualityCounters.key(r).sk;
  const counts = (r: SortQualityRecord | undefined) => (r ? JSON.stringify(countsOf(r)) : '');
  const before = new Map(kept.map((r) => [skOf(r), r]));
  const after = new Map(records.filter((r) => r.month >= from).map((r) => [skOf(r), r]));
  const differed = [...new Set([...before.keys(), ...after.keys()])].filter(
    (sk) => counts(before.get(sk)) !== counts(after.get(sk)),
  ).length;
  const gone = kept.filter((r) => !after.has(skOf(r)));
  await batchWriteAll(table, [
    ...[...after.values()].map((r) => ({ PutRequest: { Item: sortQualityCounters.item(r) } })),
    ...gone.map((r) => ({ DeleteRequest: { Key: sortQualityCounters.key(r) } })),
  ]);
  return { written: after.size + gone.length, differed };
}

/** What the rebuild reads and writes, over one table (the CLI, the local stack's seed, the tests). */
export function createRebuildDeps(table: TableRef) {
  return {
    sources: createRollupSources(table),
    streets: createStreetsRepository(table),
    rollups: createRollupsRepository(table),
    sortQuality: {
      replaceSortQuality: (communityId: string, records: readonly SortQualityRecord[], from: string) =>
        replaceSortQuality(table, communityId, records, from),
    },
    now: () => new Date(),
  };
}
