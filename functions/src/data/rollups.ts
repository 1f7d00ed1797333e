/**
 * Roll-ups: the counters every figure of the street and its communities is
 * read from, kept by the stream consumer as the writes happen (never by
 * reading a month of raw items per request). One street's roll-ups share a
 * partition, so comparing its communities over a year is one key query.
 *
 * An item holds counters as top-level numbers (`received`, `g_paper`,
 * `h_125`: one report resolved in 12.5 hours) and, for the points, the set
 * of homes that weighed in (`members`, a string set, idempotent by nature).
 * Each stream event is applied once: its id is written, conditioned on being
 * new, in the same transaction as the ADD.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity, stringSet } from './entity.js';
import { batchWriteAll } from './query.js';
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
  /** Points: the homes (users) that weighed in. */
  members: string[];
}

const BASE = z.object({
  streetId: z.string(),
  communityId: z.string(),
  part: z.enum(ROLLUP_PARTS),
  month: z.string().optional(),
  members: stringSet.optional(),
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
  patterns: {
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

const EVENT_SECONDS = 7 * 24 * 3600;

function slotOf(t: RollupTarget): string {
  if (t.part === 'homes') return `HOMES#${t.communityId}`;
  if (!t.month) throw new Error(`A ${t.part} roll-up needs a month`);
  return `${t.month}#${t.communityId}#${t.part}`;
}

function recordOf(item: Record<string, unknown>): RollupRecord {
  const { streetId, communityId, part, month, members, ...counters } = rollups.parse(item);
  return { streetId, communityId, part, ...(month ? { month } : {}), members: members ?? [], counters };
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
      const updates = changes.flatMap(({ target, counters, members = [] }) => {
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
        if (members.length) {
          names['#members'] = 'members';
          values[':members'] = new Set(members);
          adds.push('#members :members');
        }
        if (!adds.length) return [];
        const { pk, sk } = rollups.key({ streetId: target.streetId, slot: slotOf(target) });
        return [
          {
            Update: {
              TableName,
              Key: { pk, sk },
              UpdateExpression: `SET #kind = :kind, #street = :street, #community = :community, #part = :part${
                target.month ? ', #month = :month' : ''
              } ADD ${adds.join(', ')}`,
              ExpressionAttributeNames: {
                ...names,
                '#kind': 'kind',
                '#street': 'streetId',
                '#community': 'communityId',
                '#part': 'part',
                ...(target.month ? { '#month': 'month' } : {}),
              },
              ExpressionAttributeValues: {
                ...values,
                ':kind': rollups.kind,
                ':street': target.streetId,
                ':community': target.communityId,
                ':part': target.part,
                ...(target.month ? { ':month': target.month } : {}),
              },
            },
          },
        ];
      });
      if (!updates.length) return true;
      const marker = {
        Put: {
          TableName,
          Item: rollupEvents.item({ eventId, expiresAt: Math.floor(now.getTime() / 1000) + EVENT_SECONDS }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
      try {
        await writeTransaction(table, [marker, ...updates]);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefused && error.failed(0)) return false;
        throw error;
      }
    },

    /** Every community's months `from`–`to` of a street: one query (a year of 20 communities is ~720 small items). */
    async months(streetId: string, from: string, to: string): Promise<RollupRecord[]> {
      const items = await rollups.rawAll(table, 'ofStreet', { streetId }, { from: `${from}#`, to: `${to}#~` });
      return items.map(recordOf);
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
  const item = rollups.item({
    streetId: r.streetId,
    communityId: r.communityId,
    part: r.part,
    ...(r.month ? { month: r.month } : {}),
    ...counters,
  } as z.infer<typeof rollups.schema>);
  return r.members.length ? { ...item, members: new Set(r.members) } : item;
}

export type RollupsRepository = ReturnType<typeof createRollupsRepository>;
