/**
 * The rebuild: recomputes roll-ups from the raw items with the same
 * contribution functions the stream consumer applies, so what it computes
 * equals what the writes kept. `npm run rollups:rebuild` writes it; tests
 * compare it with what is stored.
 */
import { shanghaiMonth } from '@linli/shared';
import type { SortQualityRecord } from '../../data/points/sort-quality.js';
import type { RollupSources } from '../../data/rollup-sources.js';
import {
  addSections,
  type Member,
  NOW_SLOT,
  type RollupRecord,
  type RollupScope,
  type RollupsRepository,
  type Sections,
  streetSlot,
  toStreet,
} from '../../data/rollups.js';
import type { StreetRecord, StreetsRepository } from '../../data/streets.js';
import { monthsBetween } from '../feedback/stats.js';
import { sortQualityRebuilt } from '../points/sort-quality.js';
import {
  bulletinContribution,
  type Contribution,
  entryContribution,
  householdContribution,
  membersCounted,
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

export interface Rebuilt {
  records: RollupRecord[];
  /** The homes that weighed in, by community and month: their markers. */
  members: { communityId: string; month: string; member: Member }[];
  /** Each community's sort-quality counters (kept beside the roll-ups by the weigh-ins' own transactions). */
  sortQuality?: Map<string, SortQualityRecord[]>;
}

/** One community's contributions from its raw items, and its sort-quality counters from its weigh-ins. */
async function contributionsOf(
  sources: RollupSources,
  communityId: string,
  now: Date,
): Promise<{ contributions: Contribution[]; sortQuality: SortQualityRecord[] }> {
  const [reports, entries, homes, bulletins, held] = await Promise.all([
    sources.reports(communityId),
    sources.ledger(communityId, rebuildMonths(now)),
    sources.approvedHomes(communityId),
    sources.publishedBulletins(communityId),
    sources.heldWeighIns(communityId),
  ]);
  const contributions = [
    ...reports.map(reportContribution),
    ...entries.map(entryContribution),
    ...homes.map(householdContribution),
    ...(bulletins.map(bulletinContribution).filter(Boolean) as Contribution[]),
  ];
  return { contributions, sortQuality: sortQualityRebuilt(communityId, entries, held) };
}

/**
 * The roll-ups that many contributions make, summed by community and slot (the homes that weighed in counted
 * once each), and their street's when given: pure.
 */
export function rollupsOf(contributions: readonly (Contribution | undefined)[], streetId?: string): Rebuilt {
  const summed = sum(contributions);
  const records: RollupRecord[] = [];
  const street = new Map<string, Sections>();
  for (const c of summed) {
    const sections = addSections(c.sections, membersCounted(c));
    records.push({ scope: 'community', id: c.communityId, slot: c.slot, sections, labels: c.labels ?? {} });
    if (streetId) {
      const slot = streetSlot(c.slot);
      street.set(slot, { ...street.get(slot), ...toStreet(c.communityId, c.slot, sections) });
    }
  }
  for (const [slot, sections] of street)
    records.push({ scope: 'street', id: streetId as string, slot, sections, labels: {} });
  const members = summed.flatMap((c) =>
    (c.members ?? []).map((member) => ({ communityId: c.communityId, month: c.slot, member })),
  );
  return { records: records.filter((r) => Object.keys(r.sections).length), members };
}

/** The roll-ups of communities (and of their street, when given) recomputed from the raw items. */
export async function rebuildOf(
  sources: RollupSources,
  communityIds: readonly string[],
  streetId: string | undefined,
  now: Date,
): Promise<Rebuilt> {
  const all = await Promise.all(communityIds.map((id) => contributionsOf(sources, id, now)));
  const sortQuality = new Map(communityIds.map((id, i) => [id, all[i]?.sortQuality ?? []]));
  return {
    ...rollupsOf(
      all.flatMap((c) => c.contributions),
      streetId,
    ),
    sortQuality,
  };
}

/** A street's roll-ups and its communities', recomputed. */
export async function rebuildStreet(sources: RollupSources, street: StreetRecord, now: Date): Promise<RollupRecord[]> {
  return (
    await rebuildOf(
      sources,
      street.communities.map((c) => c.communityId),
      street.streetId,
      now,
    )
  ).records;
}

const slotKey = (r: RollupRecord) => `${r.scope}#${r.id}#${r.slot}`;

/** Roll-ups as comparable values: their sections with counters and labels in order, empty ones left out. */
export function normalised(records: readonly RollupRecord[]) {
  const ordered = <T>(o: Record<string, T>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return records
    .filter((r) => Object.keys(r.sections).length)
    .map((r) => ({
      slot: slotKey(r),
      sections: ordered(Object.fromEntries(Object.entries(r.sections).map(([name, c]) => [name, ordered(c)]))),
      labels: ordered(r.labels),
    }))
    .sort((a, b) => a.slot.localeCompare(b.slot));
}

export interface RebuildDeps {
  sources: RollupSources;
  streets: Pick<StreetsRepository, 'get'>;
  rollups: Pick<RollupsRepository, 'all' | 'replace' | 'putMembers'>;
  sortQuality: {
    replaceSortQuality(communityId: string, records: readonly SortQualityRecord[], from: string): Promise<Rewritten>;
  };
  now: () => Date;
}

/** How many of one kind the rebuild wrote, and how many of those differed from what was kept. */
export interface Rewritten {
  written: number;
  differed: number;
}

/** What is kept of these scopes and ids, within the rebuild's months (and the level now). */
export async function keptOf(
  rollups: Pick<RollupsRepository, 'all'>,
  scopes: readonly { scope: RollupScope; id: string }[],
  now: Date,
): Promise<RollupRecord[]> {
  const first = rebuildMonths(now)[0] as string;
  const kept = await Promise.all(scopes.map((s) => rollups.all(s.scope, s.id)));
  return kept.flat().filter((r) => r.slot === NOW_SLOT || r.slot >= first);
}

/**
 * Recomputes the roll-ups of a street and its communities, or of one community without a street, and writes
 * them over what is kept; a kept roll-up the raw items no longer support is written empty. The communities'
 * sort-quality counters likewise. Answers how many roll-ups and counters were written and how many differed
 * from what was kept.
 */
export async function rebuildAndWrite(
  deps: RebuildDeps,
  target: { streetId: string } | { communityId: string },
): Promise<Rewritten & { sortQuality: Rewritten }> {
  const now = deps.now();
  let communityIds: string[];
  let streetId: string | undefined;
  if ('streetId' in target) {
    const street = await deps.streets.get(target.streetId);
    if (!street) throw new Error(`No street ${target.streetId}`);
    communityIds = street.communities.map((c) => c.communityId);
    streetId = street.streetId;
  } else communityIds = [target.communityId];
  const scopes = [
    ...communityIds.map((id) => ({ scope: 'community' as const, id })),
    ...(streetId ? [{ scope: 'street' as const, id: streetId }] : []),
  ];
  const [rebuilt, kept] = await Promise.all([
    rebuildOf(deps.sources, communityIds, streetId, now),
    keptOf(deps.rollups, scopes, now),
  ]);
  const fresh = new Set(rebuilt.records.map(slotKey));
  const emptied = kept.filter((r) => !fresh.has(slotKey(r))).map((r) => ({ ...r, sections: {}, labels: {} }));
  const before = new Map(normalised(kept).map((r) => [r.slot, JSON.stringify(r)]));
  const after = normalised(rebuilt.records);
  const differed =
    after.filter((r) => before.get(r.slot) !== JSON.stringify(r)).length +
    [...before.keys()].filter((s) => !after.some((r) => r.slot === s)).length;
  await deps.rollups.replace([...rebuilt.records, ...emptied]);
  await deps.rollups.putMembers(rebuilt.members);
  const from = rebuildMonths(now)[0] as string;
  const counters = await Promise.all(
    communityIds.map((id) => deps.sortQuality.replaceSortQuality(id, rebuilt.sortQuality?.get(id) ?? [], from)),
  );
  const sortQuality = counters.reduce(
    (a, c) => ({ written: a.written + c.written, differed: a.differed + c.differed }),
    {
      written: 0,
      differed: 0,
    },
  );
  return { written: rebuilt.records.length + emptied.length, differed, sortQuality };
}
