/**
 * The rebuild: recomputes a street's roll-ups from the raw items with the
 * same contribution functions the stream consumer applies, so what it
 * computes equals what the writes kept. `npm run rollups:rebuild` writes it;
 * tests compare it with what is stored.
 */
import { shanghaiMonth } from '@linli/shared';
import type { RollupSources } from '../../data/rollup-sources.js';
import type { RollupRecord, RollupsRepository } from '../../data/rollups.js';
import type { StreetRecord, StreetsRepository } from '../../data/streets.js';
import { monthsBetween } from '../feedback/stats.js';
import {
  bulletinContribution,
  type Contribution,
  entryContribution,
  householdContribution,
  reportContribution,
  sum,
} from './contributions.js';

/** How far back the rebuild reads the ledger (month partitions): three years. */
export const REBUILD_MONTHS = 36;

export function rebuildMonths(now: Date, count = REBUILD_MONTHS): string[] {
  const to = shanghaiMonth(now);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const back = y * 12 + (m - 1) - (count - 1);
  const from = `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}`;
  return monthsBetween(from, to);
}

export async function rebuildStreet(sources: RollupSources, street: StreetRecord, now: Date): Promise<RollupRecord[]> {
  const months = rebuildMonths(now);
  const perCommunity = await Promise.all(
    street.communities.map(async ({ communityId }) => {
      const [reports, entries, homes, bulletins] = await Promise.all([
        sources.reports(communityId),
        sources.ledger(communityId, months),
        sources.approvedHomes(communityId),
        sources.publishedBulletins(communityId),
      ]);
      const all: (Contribution | undefined)[] = [
        ...reports.map(reportContribution),
        ...entries.map(entryContribution),
        ...homes.map(householdContribution),
        ...bulletins.map(bulletinContribution),
      ];
      // A community with no homes yet still has its level (0), as the consumer leaves it after an unbinding.
      return sum(all.length ? all : [householdContribution({ communityId, status: 'none' })]);
    }),
  );
  return perCommunity.flat().map((c) => ({
    streetId: street.streetId,
    communityId: c.communityId,
    part: c.part,
    ...(c.month ? { month: c.month } : {}),
    counters: Object.fromEntries(
      Object.entries({ ...c.counters, ...(c.members?.length ? { participating: c.members.length } : {}) }).filter(
        ([, v]) => v !== 0,
      ),
    ),
    members: [...(c.members ?? [])].sort(),
  }));
}

/** A roll-up as a comparable value: its counters, zeros left out. */
export function normalised(records: readonly RollupRecord[]) {
  return records
    .map((r) => ({
      slot: `${r.communityId}#${r.part}#${r.month ?? ''}`,
      counters: Object.fromEntries(
        Object.entries(r.counters)
          .filter(([, v]) => v !== 0)
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    }))
    .filter((r) => Object.keys(r.counters).length)
    .sort((a, b) => a.slot.localeCompare(b.slot));
}

export interface RebuildDeps {
  sources: RollupSources;
  streets: Pick<StreetsRepository, 'get'>;
  rollups: Pick<RollupsRepository, 'months' | 'homes' | 'replace' | 'putMembers'>;
  now: () => Date;
}

/**
 * Recomputes a street's roll-ups and writes them over what is kept; a kept roll-up the raw items no longer
 * support (within the rebuild's months) is written empty. Answers how many roll-ups differed.
 */
export async function rebuildAndWrite(
  deps: RebuildDeps,
  streetId: string,
): Promise<{ written: number; differed: number }> {
  const street = await deps.streets.get(streetId);
  if (!street) throw new Error(`No street ${streetId}`);
  const now = deps.now();
  const months = rebuildMonths(now);
  const [rebuilt, keptMonths, keptHomes] = await Promise.all([
    rebuildStreet(deps.sources, street, now),
    deps.rollups.months(streetId, months[0] as string, months[months.length - 1] as string),
    deps.rollups.homes(streetId),
  ]);
  const kept = [...keptMonths, ...keptHomes];
  const slot = (r: RollupRecord) => `${r.communityId}#${r.part}#${r.month ?? ''}`;
  const fresh = new Set(rebuilt.map(slot));
  const emptied = kept.filter((r) => !fresh.has(slot(r))).map((r) => ({ ...r, counters: {}, members: [] }));
  const before = new Map(normalised(kept).map((r) => [r.slot, JSON.stringify(r)]));
  const after = normalised(rebuilt);
  const differed =
    after.filter((r) => before.get(r.slot) !== JSON.stringify(r)).length +
    [...before.keys()].filter((s) => !after.some((r) => r.slot === s)).length;
  await deps.rollups.replace([...rebuilt, ...emptied]);
  await deps.rollups.putMembers(rebuilt);
  return { written: rebuilt.length + emptied.length, differed };
}
