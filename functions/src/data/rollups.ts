/**
 * Roll-ups: the counters every figure of a community and of its street is
 * read from, kept by the stream consumer as the writes happen (never by
 * reading a month of raw items per request).
 *
 * A roll-up is one month (`slot` `YYYY-MM`), or the level now (`HOMES`), of
 * one community or of one street, packed into one item: its sections of
 * counters (`feedback`, `feedback.cat.<category>`, `points.bld.<building>`…;
 * a street's are its communities' headline sections, `<communityId>/points`)
 * and the labels they were last named by, deflated into one binary
 * attribute. So a year of a community, or of a street of 20 communities, is
 * one key query of 12 small items, in year three as on day one.
 *
 * Each stream event is applied once: the consumer reads the roll-ups it
 * changes, adds, and writes them back conditioned on the version it read,
 * in one transaction with the event's id (conditioned on being new). A home
 * counts once a month in `participating` (and once per building) through
 * its own marker item, written in the same transaction.
 */
import { endianness } from 'node:os';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';
import { batchGetAll, batchWriteAll } from './query.js';
import { type TransactItem, TransactionRefused, writeTransaction } from './transactions.js';

export type Counters = Record<string, number>;
/** Named groups of counters: `feedback`, `feedback.grid.g1`, `c1/points`… */
export type Sections = Record<string, Counters>;
export type Labels = Record<string, string>;

export const ROLLUP_SCOPES = ['community', 'street'] as const;
export type RollupScope = (typeof ROLLUP_SCOPES)[number];
/** The slot of the level now (homes), beside the months. */
export const NOW_SLOT = 'HOMES';
/** The sections a community's street keeps of it: the headline ones (no dimension). */
export const HEADLINE = ['feedback', 'points', 'bulletins', 'homes'] as const;

export interface RollupKey {
  scope: RollupScope;
  /** The community's or the street's id. */
  id: string;
  /** `YYYY-MM`, or `HOMES`. */
  slot: string;
}

export interface RollupRecord extends RollupKey {
  sections: Sections;
  labels: Labels;
}

/**
 * A street keeps its communities' headline sections a year to a roll-up (slot `YYYY`), their homes now in
 * `HOMES`; a section is named by its community's slot, the community and the part: `2026-04/c1/points`,
 * `HOMES/c1/homes`. So a street's year, however many communities it has, is one item.
 */
export const streetSlot = (slot: string) => (slot === NOW_SLOT ? NOW_SLOT : slot.slice(0, 4));

/** The name a street gives a community's headline section of one of its slots. */
export const streetSection = (slot: string, communityId: string, part: string) => `${slot}/${communityId}/${part}`;

/** A community's headline sections of one slot, as its street keeps them. */
export function toStreet(communityId: string, slot: string, sections: Sections): Sections {
  return Object.fromEntries(
    Object.entries(sections)
      .filter(([name]) => (HEADLINE as readonly string[]).includes(name))
      .map(([name, counters]) => [streetSection(slot, communityId, name), counters]),
  );
}

export const rollups = entity({
  kind: 'rollup',
  doc:
    'A community’s month (`{slot}` `YYYY-MM`), a street’s year (`YYYY`), or either’s level now (`HOMES`): sections ' +
    'of counters and their labels, packed and deflated in `data` (see `pack`); `version` orders the consumer’s conditioned writes.',
  schema: z.object({
    scope: z.enum(ROLLUP_SCOPES),
    id: z.string(),
    slot: z.string(),
    version: z.number().int(),
    data: z.instanceof(Uint8Array),
  }),
  key: { pk: 'ROLLUP#{scope}#{id}', sk: '{slot}' },
  patterns: {
    slots: {
      doc: 'A community’s months (a year is 12 items) or a street’s years by range, with its level now (`HOMES`).',
      index: 'table',
      pk: 'ROLLUP#{scope}#{id}',
    },
  },
});

/** The stream events already applied (a redelivered batch adds nothing twice); they expire after a week. */
export const rollupEvents = entity({
  kind: 'rollup-event',
  doc: 'A stream event the roll-ups took in: written with its roll-ups, so a redelivery is refused.',
  schema: z.object({ eventId: z.string(), expiresAt: z.number() }),
  key: { pk: 'ROLLUPEVENT#{eventId}', sk: 'EVENT' },
});

/**
 * A home (its resident) that weighed in during a community's month: `{mark}` is `{userId}` (counted once in
 * `participating`) or `{userId}#B#{buildingId}` (once in its building's `households`).
 */
export const rollupMembers = entity({
  kind: 'rollup-member',
  doc: 'A home that weighed in in a community’s month (`{mark}` = user, or user#B#building): counted once.',
  schema: z.object({ communityId: z.string(), month: z.string(), mark: z.string() }),
  key: { pk: 'ROLLUPMEMBER#{communityId}#{month}', sk: '{mark}' },
});

/** A home that weighed in: what it adds the first time in a month. */
export interface Member {
  userId: string;
  buildingId: string;
}

/** What one stream event adds to one community's slot (and to its street's). */
export interface RollupChange {
  communityId: string;
  /** The street the community belongs to; none: only the community's roll-up. */
  streetId?: string | undefined;
  slot: string;
  sections: Sections;
  labels?: Labels | undefined;
  /** Homes that weighed in (points of a month): each counts once a month, and once in its building. */
  members?: readonly Member[] | undefined;
}

const EVENT_SECONDS = 7 * 24 * 3600;
/** Consumers racing on one roll-up: each try re-reads it; a raced try waits a random, growing moment first. */
const MAX_ATTEMPTS = 25;

/** Adds `from` into `into` (times `sign`), in place: counters that reach zero and sections left empty go. */
export function addInto(into: Sections, from: Sections, sign = 1): Sections {
  for (const name in from) {
    const counters = from[name] as Counters;
    let target = into[name];
    if (!target) {
      target = {};
      into[name] = target;
    }
    for (const counter in counters) {
      const next = (target[counter] ?? 0) + sign * (counters[counter] as number);
      if (next === 0) delete target[counter];
      else target[counter] = next;
    }
    let empty = true;
    for (const _ in target) {
      empty = false;
      break;
    }
    if (empty) delete into[name];
  }
  return into;
}

/** Adds `from` into `into`, in place, zeros kept: the read side's fold (faster; nothing is stored of it). */
export function sumInto(into: Sections, from: Sections): Sections {
  for (const name in from) {
    const counters = from[name] as Counters;
    let target = into[name];
    if (!target) {
      target = {};
      into[name] = target;
    }
    for (const counter in counters) target[counter] = (target[counter] ?? 0) + (counters[counter] as number);
  }
  return into;
}

/** `into` plus `from` (times `sign`), as a new value. */
export function addSections(into: Sections, from: Sections, sign = 1): Sections {
  const out: Sections = {};
  for (const name in into) out[name] = { ...into[name] };
  return addInto(out, from, sign);
}

/**
 * A roll-up's sections, packed: each counter name once, and its counters as typed arrays, so a street's
 * year of 20 communities (about 14,000 counters) is read without parsing a number out of text. Entry `e`
 * sets counter `names[index[e]]` to `values[e]`; section `s` (`sections[s]`) holds entries
 * `offsets[s]` to `offsets[s + 1]`.
 */
export interface Packed {
  names: string[];
  sections: string[];
  labels: Labels;
  index: Uint32Array;
  values: Int32Array | Float64Array;
  offsets: Uint32Array;
}

/*
 * The stored layout, deflated (typed arrays in the machine's order; Lambda and every machine here are
 * little-endian, and `pack` refuses any other):
 *   byte 0: 1 (a packed roll-up; the first layout, JSON, began with `{`); byte 1: 0 for int32 values, 1 for
 *   float64; bytes 4, 8, 12: the header's length, the number of sections, the number of entries (uint32);
 *   from 16: the header, JSON `{ n: names, s: sections, l: labels }`, padded to 8 bytes;
 *   then the values, the index and the offsets.
 */
const HEAD = 16;
const pad8 = (n: number) => Math.ceil(n / 8) * 8;

export function pack(sections: Sections, labels: Labels): Uint8Array<ArrayBuffer> {
  if (endianness() !== 'LE') throw new Error('packed roll-ups are little-endian');
  const names: string[] = [];
  const column = new Map<string, number>();
  const sectionNames = Object.keys(sections);
  const index: number[] = [];
  const values: number[] = [];
  const offsets = [0];
  let integral = true;
  for (const name of sectionNames) {
    const counters = sections[name] as Counters;
    for (const counter in counters) {
      let i = column.get(counter);
      if (i === undefined) {
        i = names.length;
        names.push(counter);
        column.set(counter, i);
      }
      const value = counters[counter] as number;
      integral &&= (value | 0) === value;
      index.push(i);
      values.push(value);
    }
    offsets.push(index.length);
  }
  const header = Buffer.from(JSON.stringify({ n: names, s: sectionNames, l: labels }));
  const width = integral ? 4 : 8;
  const start = HEAD + pad8(header.length);
  const bytes = new Uint8Array(start + values.length * (width + 4) + offsets.length * 4);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 1);
  view.setUint8(1, integral ? 0 : 1);
  view.setUint32(4, header.length, true);
  view.setUint32(8, sectionNames.length, true);
  view.setUint32(12, values.length, true);
  bytes.set(header, HEAD);
  (integral
    ? new Int32Array(bytes.buffer, start, values.length)
    : new Float64Array(bytes.buffer, start, values.length)
  ).set(values);
  new Uint32Array(bytes.buffer, start + values.length * width, index.length).set(index);
  new Uint32Array(bytes.buffer, start + values.length * (width + 4), offsets.length).set(offsets);
  return new Uint8Array(deflateRawSync(bytes));
}

export function unpack(data: Uint8Array): Packed {
  let bytes: Uint8Array = inflateRawSync(data);
  if (bytes[0] === 0x7b /* { */) {
    // The first layout: `{ s: sections, l: labels }` as JSON.
    const { s, l } = JSON.parse(Buffer.from(bytes).toString('utf8')) as { s: Sections; l: Labels };
    return unpack(pack(s, l));
  }
  if (bytes[0] !== 1) throw new Error('not a packed roll-up');
  if (bytes.byteOffset % 8) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const integral = view.getUint8(1) === 0;
  const headerLength = view.getUint32(4, true);
  const sectionCount = view.getUint32(8, true);
  const entries = view.getUint32(12, true);
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + HEAD, headerLength).toString('utf8')) as {
    n: string[];
    s: string[];
    l: Labels;
  };
  const start = bytes.byteOffset + HEAD + pad8(headerLength);
  const width = integral ? 4 : 8;
  return {
    names: header.n,
    sections: header.s,
    labels: header.l,
    values: integral ? new Int32Array(bytes.buffer, start, entries) : new Float64Array(bytes.buffer, start, entries),
    index: new Uint32Array(bytes.buffer, start + entries * width, entries),
    offsets: new Uint32Array(bytes.buffer, start + entries * (width + 4), sectionCount + 1),
  };
}

/** A roll-up's slot with its sections left packed. */
export interface PackedSlot {
  slot: string;
  packed: Packed;
}

/**
 * The sections of a packed roll-up, as objects (what the consumer adds to and the rebuild compares); with
 * `prefix`, only the sections whose name starts with it.
 */
export function sectionsOf(packed: Packed, prefix = ''): Sections {
  const out: Sections = {};
  const { names, sections, index, values, offsets } = packed;
  for (let s = 0; s < sections.length; s++) {
    if (prefix && !(sections[s] as string).startsWith(prefix)) continue;
    const counters: Counters = {};
    for (let e = offsets[s] as number; e < (offsets[s + 1] as number); e++)
      counters[names[index[e] as number] as string] = values[e] as number;
    out[sections[s] as string] = counters;
  }
  return out;
}

/** One section of a packed roll-up as an object, empty when it has none of that name. */
export function sectionOf(packed: Packed, name: string): Counters {
  const s = packed.sections.indexOf(name);
  const counters: Counters = {};
  if (s < 0) return counters;
  for (let e = packed.offsets[s] as number; e < (packed.offsets[s + 1] as number); e++)
    counters[packed.names[packed.index[e] as number] as string] = packed.values[e] as number;
  return counters;
}

/**
 * The sections (whose name starts with `prefix`) of several packed roll-ups added together, zeros kept: summed
 * in arrays, a column per counter, so only the sums become objects.
 */
export function sumPacked(slots: readonly Pick<PackedSlot, 'packed'>[], prefix = ''): Sections {
  const columnOf = new Map<string, number>();
  const names: string[] = [];
  const remaps = slots.map(({ packed }) =>
    Int32Array.from(packed.names, (name) => {
      let c = columnOf.get(name);
      if (c === undefined) {
        c = names.push(name) - 1;
        columnOf.set(name, c);
      }
      return c;
    }),
  );
  const width = names.length;
  const rows = new Map<string, { sums: Float64Array; seen: Uint8Array }>();
  slots.forEach(({ packed: { sections, index, values, offsets } }, i) => {
    const remap = remaps[i] as Int32Array;
    for (let s = 0; s < sections.length; s++) {
      const name = sections[s] as string;
      if (prefix && !name.startsWith(prefix)) continue;
      let row = rows.get(name);
      if (!row) {
        row = { sums: new Float64Array(width), seen: new Uint8Array(width) };
        rows.set(name, row);
      }
      for (let e = offsets[s] as number; e < (offsets[s + 1] as number); e++) {
        const c = remap[index[e] as number] as number;
        row.sums[c] = (row.sums[c] as number) + (values[e] as number);
        row.seen[c] = 1;
      }
    }
  });
  const out: Sections = {};
  for (const [name, { sums, seen }] of rows) {
    const counters: Counters = {};
    for (let c = 0; c < width; c++) if (seen[c]) counters[names[c] as string] = sums[c] as number;
    out[name] = counters;
  }
  return out;
}

function recordOf(item: Record<string, unknown>, prefix = ''): RollupRecord & { version: number } {
  const r = rollups.parse(item);
  const packed = unpack(r.data);
  return {
    scope: r.scope,
    id: r.id,
    slot: r.slot,
    version: r.version,
    sections: sectionsOf(packed, prefix),
    labels: packed.labels,
  };
}

const keyText = (k: RollupKey) => `${k.scope}\n${k.id}\n${k.slot}`;

type Join = { communityId: string; month: string; mark: string; member: Member; building: boolean };

export function createRollupsRepository(table: TableRef) {
  const TableName = table.tableName;

  const itemOf = (r: RollupRecord, version: number) =>
    rollups.item({ scope: r.scope, id: r.id, slot: r.slot, version, data: pack(r.sections, r.labels) });

  async function read(keys: readonly RollupKey[]) {
    const items = await batchGetAll(table, keys.map(rollups.key), undefined, true);
    return new Map(items.map((item) => recordOf(item)).map((r) => [keyText(r), r]));
  }

  async function slots(key: Omit<RollupKey, 'slot'>, options: { from?: string; to?: string }, sections = '') {
    const items = await rollups.rawAll(table, 'slots', { scope: key.scope, id: key.id }, options);
    return items.map((item) => {
      const { version: _, ...record } = recordOf(item, sections);
      return record;
    });
  }

  return {
    /**
     * Adds `changes` as stream event `eventId`, once: false when the event was applied before. Roll-ups are
     * read, added to and written back on the version read; a concurrent consumer's write makes it try again.
     */
    async apply(eventId: string, changes: readonly RollupChange[], now: Date): Promise<boolean> {
      let joins: Join[] = changes.flatMap((c) =>
        (c.members ?? []).flatMap((member) => [
          { communityId: c.communityId, month: c.slot, mark: member.userId, member, building: false },
          {
            communityId: c.communityId,
            month: c.slot,
            mark: `${member.userId}#B#${member.buildingId}`,
            member,
            building: true,
          },
        ]),
      );
      for (let attempt = 1; ; attempt++) {
        // What each roll-up gains: the changes, and +1 for each home that (as far as known) counts for the first time.
        const gains = new Map<string, { key: RollupKey; sections: Sections; labels: Labels }>();
        const gain = (key: RollupKey, sections: Sections, labels: Labels = {}) => {
          const at = gains.get(keyText(key)) ?? { key, sections: {}, labels: {} };
          at.sections = addSections(at.sections, sections);
          Object.assign(at.labels, labels);
          gains.set(keyText(key), at);
        };
        for (const c of changes) {
          const joined = joins.filter((j) => j.communityId === c.communityId && j.month === c.slot);
          const sections = addSections(
            c.sections,
            Object.fromEntries(
              joined.map((j) =>
                j.building
                  ? [`points.bld.${j.member.buildingId}`, { households: 1 }]
                  : ['points', { participating: 1 }],
              ),
            ),
          );
          gain({ scope: 'community', id: c.communityId, slot: c.slot }, sections, c.labels);
          if (c.streetId)
            gain(
              { scope: 'street', id: c.streetId, slot: streetSlot(c.slot) },
              toStreet(c.communityId, c.slot, sections),
            );
        }
        const writes = [...gains.values()].filter(
          (g) => Object.keys(g.sections).length || Object.keys(g.labels).length,
        );
        if (!writes.length) return true;
        const current = await read(writes.map((w) => w.key));
        const puts: TransactItem[] = writes.map((w) => {
          const before = current.get(keyText(w.key));
          const record = {
            ...w.key,
            sections: addSections(before?.sections ?? {}, w.sections),
            labels: { ...before?.labels, ...w.labels },
          };
          return {
            Put: {
              TableName,
              Item: itemOf(record, (before?.version ?? 0) + 1),
              ...(before
                ? {
                    ConditionExpression: '#version = :version',
                    ExpressionAttributeNames: { '#version': 'version' },
                    ExpressionAttributeValues: { ':version': before.version },
                  }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          };
        });
        const marker = {
          Put: {
            TableName,
            Item: rollupEvents.item({ eventId, expiresAt: Math.floor(now.getTime() / 1000) + EVENT_SECONDS }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
        const marks = joins.map((j) => ({
          Put: {
            TableName,
            Item: rollupMembers.item({ communityId: j.communityId, month: j.month, mark: j.mark }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }));
        try {
          await writeTransaction(table, [marker, ...puts, ...marks]);
          return true;
        } catch (error) {
          if (!(error instanceof TransactionRefused)) throw error;
          if (error.failed(0)) return false;
          // Homes already counted this month (or in this building): the weigh-in counts without them.
          const known = joins.filter((_, i) => error.failed(1 + puts.length + i));
          const raced = puts.some((_, i) => error.failed(1 + i));
          if ((!known.length && !raced) || attempt >= MAX_ATTEMPTS) throw error;
          joins = joins.filter((j) => !known.includes(j));
          if (raced) await new Promise((done) => setTimeout(done, Math.random() * 5 * attempt));
        }
      }
    },

    /**
     * A community's or a street's months `from`–`to`: one key query (a year is 12 items). With `sections`,
     * only the sections whose name starts with it (`points`) are unpacked.
     */
    async months(scope: RollupScope, id: string, from: string, to: string, sections = ''): Promise<RollupRecord[]> {
      return slots({ scope, id }, { from, to }, sections);
    },

    /**
     * A community's or a street's slots from `from` on, its level now (`HOMES`) included: one key query,
     * whatever its age (what it reads past the range asked for is bounded by how far back that range starts).
     */
    async since(scope: RollupScope, id: string, from: string): Promise<RollupRecord[]> {
      return slots({ scope, id }, { from });
    },

    /** As `months`, each slot's sections left packed: what the figures fold (no object per counter read). */
    async packedMonths(scope: RollupScope, id: string, from: string, to: string): Promise<PackedSlot[]> {
      const items = await rollups.rawAll(table, 'slots', { scope, id }, { from, to });
      return items.map((item) => {
        const r = rollups.parse(item);
        return { slot: r.slot, packed: unpack(r.data) };
      });
    },

    /** As `since`, each slot's sections left packed: what the street's figures fold (no object per counter). */
    async packedSince(scope: RollupScope, id: string, from: string): Promise<PackedSlot[]> {
      const items = await rollups.rawAll(table, 'slots', { scope, id }, { from });
      return items.map((item) => {
        const r = rollups.parse(item);
        return { slot: r.slot, packed: unpack(r.data) };
      });
    },

    /** Every roll-up kept of a community or a street (the rebuild compares and empties). */
    async all(scope: RollupScope, id: string): Promise<RollupRecord[]> {
      return slots({ scope, id }, {});
    },

    /** The rebuild's side of the homes that weighed in: each month's markers, so later weigh-ins count them once. */
    async putMembers(members: readonly { communityId: string; month: string; member: Member }[]): Promise<void> {
      await batchWriteAll(
        table,
        members.flatMap(({ communityId, month, member }) =>
          [member.userId, `${member.userId}#B#${member.buildingId}`].map((mark) => ({
            PutRequest: { Item: rollupMembers.item({ communityId, month, mark }) },
          })),
        ),
      );
    },

    /** The rebuild: roll-ups recomputed from the raw items replace what the writes kept. */
    async replace(records: readonly RollupRecord[]): Promise<void> {
      const kept = await read(records);
      await batchWriteAll(
        table,
        records.map((r) => ({ PutRequest: { Item: itemOf(r, (kept.get(keyText(r))?.version ?? 0) + 1) } })),
      );
    },

    /** One roll-up written whole (tests, the benchmark). */
    async put(record: RollupRecord): Promise<void> {
      await table.doc.send(new PutCommand({ TableName, Item: itemOf(record, 1) }));
    },
  };
}

export type RollupsRepository = ReturnType<typeof createRollupsRepository>;
