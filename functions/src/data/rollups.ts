/**
 * Roll-ups: the counters every figure of the street and its communities is
 * read from, kept by the stream consumer as the writes happen (never by
 * reading a month of raw items per request). One street's roll-ups share a
 * partition, so comparing its communities over a year is one key query.
 *
 * An item holds counters as top-level numbers (`received`, `g_paper`,
 * `h_125`: one report resolved in 12.5 hours, `participating`: homes that
 * weighed in, each counted once a month through its own marker item).
 * Each stream event is applied once: its id is written, conditioned on being
 * new, in the same transaction as the ADD.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { batchWriteAll } from './query.js';
import { INDEX } from './table-definition.js';
import { TransactionRefused, writeTransaction } from './transactions.js';

export const ROLLUP_PARTS = ['feedback', 'points', 'bulletins', 'homes'] as const;
export type RollupPart = (typeof ROLLUP_PARTS)[number];

/** Where a roll-up sits: a community's month of one part, or (`homes`) the community's level now. */
export interface RollupTarget {
  streetId: string;
  communityId: string;
  part: RollupPart;
  /** `YYYY-MM`; absent for `homes`. */
  month?: string;
}

export type Counters = Record<string, number>;

export interface RollupRecord extends RollupTarget {
  counters: Counters;
  /** Points: the homes (users) that weighed in, for their markers (read back empty: the count is `participating`). */
  members: string[];
}

const BASE = z.object({
  streetId: z.string(),
  communityId: z.string(),
  part: z.enum(ROLLUP_PARTS),
  month: z.string().optional(),
});

/** Counter names: letters, digits and `_` (they become attribute names). */
const COUNTER = /^[a-z][a-zA-Z0-9_]*$/;

export const rollups = entity({
  kind: 'rollup',
  doc:
    'Counters of one community’s month of feedback, points or bulletins (or its approved homes now), kept by ' +
    'the stream consumer; `{slot}` is `{month}#{communityId}#{part}`, or `HOMES#{communityId}`.',
  schema: BASE.catchall(z.number()),
  key: { pk: 'ROLLUP#{streetId}', sk: '{slot}' },
  derived: (r) => ({ slot: slotOf(r as RollupTarget) }),
  indexes: { [INDEX.gsi1]: { pk: 'ROLLUPC#{communityId}', sk: '{slot}' } },
  patterns: {
    ofCommunity: {
      doc: "One community's roll-ups (the street's drill-down): months by range, its homes by prefix.",
      index: INDEX.gsi1,
      pk: 'ROLLUPC#{communityId}',
    },
    ofStreet: {
      doc: "A street's roll-ups: months by range (every community at once), the homes by prefix.",
      index: 'table',
      pk: 'ROLLUP#{streetId}',
    },
  },
});

/** The stream events already applied (a redelivered batch adds nothing twice); they expire after a week. */
export const rollupEvents = entity({
  kind: 'rollup-event',
  doc: 'A stream event the roll-ups took in: written with its ADD, so a redelivery is refused.',
  schema: z.object({ eventId: z.string(), expiresAt: z.number() }),
  key: { pk: 'ROLLUPEVENT#{eventId}', sk: 'EVENT' },
});

/** A home that weighed in in a community's month: counted once in that month's `participating`. */
export const rollupMembers = entity({
  kind: 'rollup-member',
  doc: "A home (its resident) that weighed in during a community's month: `participating` counts each once.",
  schema: z.object({ streetId: z.string(), communityId: z.string(), month: z.string(), userId: z.string() }),
  key: { pk: 'ROLLUPMEMBER#{streetId}#{communityId}#{month}', sk: '{userId}' },
});

const EVENT_SECONDS = 7 * 24 * 3600;

/** The ADD of `counters` (zeros left out) to a roll-up; none when nothing changes. */
function updateOf(TableName: string, target: RollupTarget, counters: Counters) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds: string[] = [];
  for (const [name, value] of Object.entries(counters)) {
    if (!COUNTER.test(name)) throw new Error(`Bad counter name ${name}`);
    if (value === 0) continue;
    const i = adds.length;
    names[`#c${i}`] = name;
    values[`:c${i}`] = value;
    adds.push(`#c${i} :c${i}`);
  }
  if (!adds.length) return [];
  const month = target.month ? { names: { '#month': 'month' }, values: { ':month': target.month } } : undefined;
  return [
    {
      Update: {
        TableName,
        Key: rollups.key({ streetId: target.streetId, slot: slotOf(target) }),
        UpdateExpression: `SET #kind = :kind, #street = :street, #community = :community, #part = :part, #ipk = :ipk, #isk = :isk${
          month ? ', #month = :month' : ''
        } ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: {
          ...names,
          '#ipk': 'gsi1pk',
          '#isk': 'gsi1sk',
          '#kind': 'kind',
          '#street': 'streetId',
          '#community': 'communityId',
          '#part': 'part',
          ...month?.names,
        },
        ExpressionAttributeValues: {
          ...values,
          ':ipk': `ROLLUPC#${target.communityId}`,
          ':isk': slotOf(target),
          ':kind': rollups.kind,
          ':street': target.streetId,
          ':community': target.communityId,
          ':part': target.part,
          ...month?.values,
        },
      },
    },
  ];
}

function slotOf(t: RollupTarget): string {
  if (t.part === 'homes') return `HOMES#${t.communityId}`;
  if (!t.month) throw new Error(`A ${t.part} roll-up needs a month`);
  return `${t.month}#${t.communityId}#${t.part}`;
}

function recordOf(item: Record<string, unknown>): RollupRecord {
  const { streetId, communityId, part, month, ...counters } = rollups.parse(item);
  return { streetId, communityId, part, ...(month ? { month } : {}), members: [], counters };
}

export function createRollupsRepository(table: TableRef) {
  const TableName = table.tableName;
  return {
    /**
     * Adds `changes` to their roll-ups as stream event `eventId`, once: false when the event was applied
     * before. Zero counters are left out; an event that changes nothing writes nothing.
     */
    async apply(
      eventId: string,
      changes: readonly { target: RollupTarget; counters: Counters; members?: readonly string[] }[],
      now: Date,
    ): Promise<boolean> {
      // A home counts once a month: its marker is written, conditioned on being new, with `participating` +1.
      let joining = changes.flatMap(({ target, members = [] }) => members.map((userId) => ({ target, userId })));
      for (;;) {
        const updates = changes.flatMap(({ target, counters }) => {
          const joined = joining.filter((j) => j.target === target).length;
          return updateOf(TableName, target, joined ? { ...counters, participating: joined } : counters);
        });
        const members = joining.map(({ target, userId }) => ({
          Put: {
            TableName,
            Item: rollupMembers.item({ ...(target as Required<RollupTarget>), userId }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }));
        if (!updates.length) return true;
        const marker = {
          Put: {
            TableName,
            Item: rollupEvents.item({ eventId, expiresAt: Math.floor(now.getTime() / 1000) + EVENT_SECONDS }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
        try {
          await writeTransaction(table, [marker, ...updates, ...members]);
          return true;
        } catch (error) {
          if (!(error instanceof TransactionRefused)) throw error;
          if (error.failed(0)) return false;
          const known = joining.filter((_, i) => error.failed(1 + updates.length + i));
          if (!known.length) throw error;
          // Homes already counted this month: the weigh-in counts without them.
          joining = joining.filter((j) => !known.includes(j));
        }
      }
    },

    /** The rebuild's side of the homes that weighed in: each month's markers, so later weigh-ins count them once. */
    async putMembers(records: readonly RollupRecord[]): Promise<void> {
      await batchWriteAll(
        table,
        records.flatMap((r) =>
          r.members.map((userId) => ({
            PutRequest: { Item: rollupMembers.item({ ...(r as Required<RollupTarget>), userId }) },
          })),
        ),
      );
    },

    /** Every community's months `from`–`to` of a street: one query (a year of 20 communities is ~720 small items). */
    async months(streetId: string, from: string, to: string): Promise<RollupRecord[]> {
      const items = await rollups.rawAll(table, 'ofStreet', { streetId }, { from: `${from}#`, to: `${to}#~` });
      return items.map(recordOf);
    },

    /** One community's months `from`–`to` and its homes now: one query. */
    async ofCommunity(communityId: string, from: string, to: string): Promise<RollupRecord[]> {
      const [months, homes] = await Promise.all([
        rollups.rawAll(table, 'ofCommunity', { communityId }, { from: `${from}#`, to: `${to}#~` }),
        rollups.rawAll(table, 'ofCommunity', { communityId }, { prefix: 'HOMES#' }),
      ]);
      return [...months, ...homes].map(recordOf);
    },

    /** Each community's approved homes now. */
    async homes(streetId: string): Promise<RollupRecord[]> {
      const items = await rollups.rawAll(table, 'ofStreet', { streetId }, { prefix: 'HOMES#' });
      return items.map(recordOf);
    },

    /** The rebuild: roll-ups recomputed from the raw items replace what the writes kept. */
    async replace(records: readonly RollupRecord[]): Promise<void> {
      await batchWriteAll(
        table,
        records.map((r) => ({ PutRequest: { Item: itemOf(r) } })),
      );
    },

    /** One roll-up written whole (tests, seeding an empty street). */
    async put(record: RollupRecord): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: itemOf(record) }));
    },
  };
}

function itemOf(r: RollupRecord): Record<string, unknown> {
  const counters = Object.fromEntries(Object.entries(r.counters).filter(([, v]) => v !== 0));
  return rollups.item({
    streetId: r.streetId,
    communityId: r.communityId,
    part: r.part,
    ...(r.month ? { month: r.month } : {}),
    ...counters,
  } as z.infer<typeof rollups.schema>);
}

export type RollupsRepository = ReturnType<typeof createRollupsRepository>;
