/**
 * Sort-quality counters: per community, Shanghai month and building, how many
 * weigh-ins were recorded and how many an operator flagged, by issue. Grown by
 * the weigh-in's own transaction (an ADD, never a read), so a replayed
 * Idempotency-Key, refused by the same transaction, never counts twice.
 * Each building's month is split over `SHARDS` items by the resident (a
 * resident always lands on the same one), so weigh-ins of neighbours at two
 * stations at once rarely touch the same item; the figure adds the shards up
 * from one key query of the community's counter partition.
 */
import { SORT_ISSUES, type SortIssue, type SortQualityCounts } from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from '../client.js';
import { entity } from '../entity.js';
import type { TransactItem } from '../transactions.js';

/** The building of a resident whose home names none. */
export const NO_BUILDING_KEY = '-';

/** The flag as kept on the weigh-in it was given with (the ledger entry, a held weigh-in, a credit request). */
export const SortFlagRecord = z.object({ issues: z.array(z.enum(SORT_ISSUES)), note: z.string().optional() });

/** Items per building and month. */
export const SHARDS = 8;

/** The shard a resident's weigh-ins count in (FNV-1a of the user id). */
export function shardOf(userId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 0x01000193) >>> 0;
  return h % SHARDS;
}

const issueAttribute = (issue: SortIssue) => `issue_${issue}` as const;
const issueFields = Object.fromEntries(
  SORT_ISSUES.map((issue) => [issueAttribute(issue), z.number().optional()]),
) as Record<ReturnType<typeof issueAttribute>, z.ZodOptional<z.ZodNumber>>;

export const SortQualitySchema = z.object({
  communityId: z.string(),
  month: z.string(),
  /** `-` for a resident whose home names no building. */
  buildingId: z.string(),
  shard: z.number(),
  weighed: z.number(),
  flagged: z.number().optional(),
  ...issueFields,
});
export type SortQualityRecord = z.infer<typeof SortQualitySchema>;

export const sortQualityCounters = entity({
  kind: 'sortquality',
  doc:
    "A building's weigh-ins in a community's Shanghai month and how many an operator flagged as badly sorted, " +
    'by issue (`issue_<code>`): grown by the weigh-in transaction; the sort-quality figure reads these.',
  schema: SortQualitySchema,
  key: { pk: 'COMM#{communityId}#SORTQ', sk: 'MONTH#{month}#BLD#{buildingId}#{shard}' },
  patterns: {
    ofMonths: {
      doc: "A community's counters of a range of months, every building: one key query.",
      index: 'table',
      pk: 'COMM#{communityId}#SORTQ',
      skPrefix: 'MONTH#',
    },
  },
});

/** The ADD a weigh-in makes to its building's month: one delivery, flagged or not, and each issue ticked. */
export function sortQualityItem(
  TableName: string,
  at: { communityId: string; month: string; buildingId: string | null; userId: string },
  issues: readonly SortIssue[],
): TransactItem {
  const buildingId = at.buildingId || NO_BUILDING_KEY;
  const shard = shardOf(at.userId);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {
    ':one': 1,
    ':kind': sortQualityCounters.kind,
    ':cid': at.communityId,
    ':month': at.month,
    ':bid': buildingId,
    ':shard': shard,
  };
  const adds = ['weighed :one'];
  if (issues.length > 0) adds.push('flagged :one');
  issues.forEach((issue, i) => {
    names[`#i${i}`] = issueAttribute(issue);
    adds.push(`#i${i} :one`);
  });
  return {
    Update: {
      TableName,
      Key: sortQualityCounters.key({ communityId: at.communityId, month: at.month, buildingId, shard }),
      UpdateExpression: `ADD ${adds.join(', ')} SET kind = :kind, communityId = :cid, #month = :month, buildingId = :bid, #shard = :shard`,
      ExpressionAttributeNames: { ...names, '#month': 'month', '#shard': 'shard' },
      ExpressionAttributeValues: values,
    },
  } as TransactItem;
}

/** A counter item (one shard) as the figure reads it. */
export function countsOf(r: SortQualityRecord): SortQualityCounts & { month: string; buildingId: string } {
  return {
    month: r.month,
    buildingId: r.buildingId === NO_BUILDING_KEY ? '' : r.buildingId,
    weighed: r.weighed,
    flagged: r.flagged ?? 0,
    issues: Object.fromEntries(
      SORT_ISSUES.flatMap((issue) => {
        const n = r[issueAttribute(issue)];
        return n ? [[issue, n]] : [];
      }),
    ),
  };
}

export function createSortQualityRepository(table: TableRef) {
  return {
    /** The counter item a weigh-in writes in its own transaction (see `sortQualityItem`). */
    sortQualityItem: (at: Parameters<typeof sortQualityItem>[1], issues: readonly SortIssue[]) =>
      sortQualityItem(table.tableName, at, issues),

    /** Every building's counters of Shanghai months `from`–`to`, in one key query (a sort-key range). */
    async sortQualityOf(communityId: string, from: string, to: string) {
      const items = await sortQualityCounters.all(
        table,
        'ofMonths',
        { communityId },
        { from: `${from}#`, to: `${to}#~` },
      );
      return items.map(countsOf);
    },
  };
}
