/**
 * One item kind of the one table, declared once: its attributes (a zod
 * schema), its key composites as templates over those attributes, the index
 * keys it carries and its named access patterns. Items are built, stripped,
 * parsed and paged from the declaration; TABLE.md is generated from it.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { dataLogger } from './log.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { queryAll, queryUpTo } from './query.js';
import { type IndexName, KEY_ATTRIBUTES, keyAttributes } from './table-definition.js';

type Item = Record<string, unknown>;

/** The `{name}` placeholders of a key template, e.g. `COMM#{communityId}#PTS#{userId}` → communityId | userId. */
export type Params<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Params<Rest> : never;
type Args<T extends string> = { readonly [P in Params<T>]: string | number };
/** The pk or sk template of one index key (never of several alternatives: those are set through `indexKeys`). */
type TemplateOf<T, K extends 'pk' | 'sk'> = T extends { readonly [P in K]: infer V extends string } ? V : never;

/** A key: partition and sort templates. */
export interface KeyTemplate<PK extends string = string, SK extends string = string> {
  readonly pk: PK;
  readonly sk: SK;
}

/** An index key an item carries; absent (a sparse index) when `when` says no. */
export interface IndexKey<R, PK extends string = string, SK extends string = string> extends KeyTemplate<PK, SK> {
  readonly when?: (record: R) => boolean;
}

/**
 * What a kind carries on one index: one key, or several sparse ones that never
 * hold at once (a bulletin waits in gsi5 either to be published or for its feed
 * entries); the first whose `when` holds is the item's.
 */
export type IndexKeys<R> = IndexKey<R> | readonly IndexKey<R>[];

/** A named way to read the kind: one partition of the table or of an index, optionally within a sort key prefix. */
export interface AccessPattern<PK extends string = string> {
  /** What reads it, in one line: TABLE.md prints it. */
  readonly doc: string;
  /** 'table' or an index the kind declares. */
  readonly index: 'table' | IndexName;
  /** The partition: the pk template of that key. */
  readonly pk: PK;
  /** The sort key starts with this (fixed text). */
  readonly skPrefix?: string;
  /** Newest (highest sort key) first. */
  readonly descending?: boolean;
}

export interface EntityDeclaration<
  S extends z.ZodObject,
  K extends KeyTemplate,
  X extends { [N in IndexName]?: IndexKeys<z.infer<S>> },
  P extends Record<string, AccessPattern>,
> {
  /** The `kind` attribute every item of it carries (see `tagged`). */
  readonly kind: string;
  /**
   * False for a kind whose record has a `kind` field of its own (a timeline
   * event's kind of step), or whose items were stored before the tag (the
   * bulletins'): its items carry no kind tag; their key tells them apart.
   */
  readonly tagged?: boolean;
  /** One line: what an item is. */
  readonly doc: string;
  readonly schema: S;
  readonly key: K;
  readonly indexes?: X;
  readonly patterns?: P;
  /** Composites that are not attributes (worked out from the record: a padded number, a status group). */
  readonly derived?: (record: z.infer<S>) => Record<string, string | number>;
  /** Attributes stored in another form than the record holds them (a list as a string set). */
  readonly toItem?: (record: z.infer<S>) => Item;
}

/** Fills a key template from `values`; a missing composite is a programming error, never an item with a hole. */
export function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`Key composite ${name} missing`);
    return String(value);
  });
}

/** The record an item holds: the item without its key attributes and (`tagged`) its `kind` tag. */
export function stripKeys(item: Item, tagged = true): Item {
  const copy = { ...item };
  for (const name of KEY_ATTRIBUTES) delete copy[name];
  if (tagged) delete copy.kind;
  return copy;
}

/** A list stored as a DynamoDB string set (so a verdict can ADD to it without reading): read back as a list. */
export const stringSet = z.preprocess((v) => (v instanceof Set ? [...v] : v), z.array(z.string()));

/** An item that does not match its kind's schema: logged once with its key, then refused. */
export class MalformedItemError extends Error {
  constructor(
    readonly kind: string,
    readonly key: { pk: unknown; sk: unknown },
    readonly issues: readonly { path: PropertyKey[]; message: string }[],
  ) {
    super(`Malformed ${kind} item`);
  }
}

export interface PageOptions {
  cursor?: string | undefined;
  limit?: number;
  /** The sort key also starts with this, after the pattern's own prefix (a status). */
  prefix?: string;
  /** Sort key range below the pattern's prefix (the values follow the prefix). */
  from?: string;
  to?: string;
  /**
   * Only these attributes (a projection, each name through a placeholder): a
   * reader's own mark among the thousands an item may carry, or the keys alone.
   */
  projection?: readonly string[];
  /** A filter on one small partition (never a scan). */
  filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
  consistent?: boolean;
  /** Overrides the pattern's order. */
  descending?: boolean;
  /** `fields` only: stop after this many items (the first ones in the pattern's order). */
  max?: number;
}

export function entity<
  S extends z.ZodObject,
  K extends KeyTemplate,
  X extends { [N in IndexName]?: IndexKeys<z.infer<S>> } = Record<never, never>,
  P extends Record<string, AccessPattern> = Record<never, never>,
>(declaration: EntityDeclaration<S, K, X, P>) {
  type R = z.infer<S>;
  const d = declaration;
  for (const [name, pattern] of Object.entries(d.patterns ?? {}) as [string, AccessPattern][]) {
    const declared: readonly KeyTemplate[] = [
      pattern.index === 'table' ? d.key : (d.indexes?.[pattern.index] ?? []),
    ].flat();
    if (!declared.some((k) => k.pk === pattern.pk))
      throw new Error(`${d.kind}.${name}: ${pattern.index} with pk ${pattern.pk} is not a key the kind declares`);
  }
  const composites = (r: R): Record<string, unknown> => ({ ...r, ...d.derived?.(r) });

  /** The index keys of a record; `parent` gives composites the record does not hold (as for `item`). */
  function indexKeysOf(r: R, parent: Record<string, unknown> = {}): Item {
    const out: Item = {};
    for (const [name, declared] of Object.entries(d.indexes ?? {}) as [IndexName, IndexKeys<R>][]) {
      const index = [declared].flat().find((k) => !k.when || k.when(r));
      if (!index) continue;
      const { partitionKey, sortKey } = keyAttributes(name);
      const values = { ...parent, ...composites(r) };
      out[partitionKey] = fill(index.pk, values);
      out[sortKey] = fill(index.sk, values);
    }
    return out;
  }

  function parse(item: Item): R {
    const result = d.schema.safeParse(stripKeys(item, d.tagged ?? true));
    if (result.success) return result.data as R;
    const error = new MalformedItemError(
      d.kind,
      { pk: item.pk, sk: item.sk },
      result.error.issues.map((i) => ({ path: i.path, message: i.message })),
    );
    dataLogger.error('Malformed item', { kind: d.kind, key: error.key, issues: error.issues });
    throw error;
  }

  /** The key attributes a query on `pattern` pages by (the cursor must belong to its partition). */
  function partitionOf<N extends keyof P>(name: N, args: Args<P[N]['pk']>) {
    const pattern = (d.patterns as P)[name] as AccessPattern;
    const attributes = keyAttributes(pattern.index as 'table' | IndexName);
    return { pattern, attributes, value: fill(pattern.pk, args) };
  }

  function queryInput<N extends keyof P>(
    name: N,
    args: Args<P[N]['pk']>,
    options: PageOptions,
  ): Omit<QueryCommandInput, 'TableName'> {
    const { pattern, attributes, value } = partitionOf(name, args);
    const prefix = (pattern.skPrefix ?? '') + (options.prefix ?? '');
    const values: Record<string, unknown> = { ':pk': value, ...options.filter?.values };
    const projected = Object.fromEntries((options.projection ?? []).map((name, i) => [`#p${i}`, name]));
    let sk = '';
    if (options.from !== undefined && options.to !== undefined) {
      sk = ' AND #sk BETWEEN :from AND :to';
      values[':from'] = prefix + options.from;
      values[':to'] = prefix + options.to;
    } else if (options.to !== undefined) {
      sk = ' AND #sk <= :to';
      values[':to'] = prefix + options.to;
    } else if (options.from !== undefined) {
      sk = ' AND #sk >= :from';
      values[':from'] = prefix + options.from;
    } else if (prefix) {
      sk = ' AND begins_with(#sk, :prefix)';
      values[':prefix'] = prefix;
    }
    return {
      ...(pattern.index === 'table' ? {} : { IndexName: pattern.index }),
      KeyConditionExpression: `#pk = :pk${sk}`,
      ExpressionAttributeNames: {
        '#pk': attributes.partitionKey,
        ...(sk ? { '#sk': attributes.sortKey } : {}),
        ...options.filter?.names,
        ...projected,
      },
      ExpressionAttributeValues: values,
      ...(options.projection ? { ProjectionExpression: Object.keys(projected).join(', ') } : {}),
      ...(options.filter ? { FilterExpression: options.filter.expression } : {}),
      ...(options.consistent ? { ConsistentRead: true } : {}),
      ScanIndexForward: !(options.descending ?? pattern.descending ?? false),
    };
  }

  return {
    kind: d.kind,
    declaration: d,
    schema: d.schema,

    /** The item's primary key from the composites it names. */
    key(args: Args<K['pk']> & Args<K['sk']>): { pk: string; sk: string } {
      return { pk: fill(d.key.pk, args), sk: fill(d.key.sk, args) };
    },

    /**
     * The stored item: keys, index keys, `kind` and the attributes. `parent` gives
     * composites the record does not hold (the community of a station).
     */
    item(record: R, parent: Record<string, unknown> = {}): Item {
      const values = { ...parent, ...composites(record) };
      return {
        pk: fill(d.key.pk, values),
        sk: fill(d.key.sk, values),
        ...(d.tagged === false ? {} : { kind: d.kind }),
        ...record,
        ...d.toItem?.(record),
        ...indexKeysOf(record, parent),
      };
    },

    /** The index keys alone, for an update that moves an item between queues (or sets an item's fields one by one). */
    indexKeys: indexKeysOf,

    /** One declared index's key attributes from its composites, for an update that sets them. */
    indexKey<N extends keyof X & IndexName>(
      name: N,
      values: Args<TemplateOf<X[N], 'pk'>> & Args<TemplateOf<X[N], 'sk'>>,
    ): Record<string, string> {
      const index = d.indexes?.[name] as IndexKeys<R>;
      if (!('pk' in index)) throw new Error(`${d.kind}: ${name} carries several keys; set it with indexKeys`);
      const { partitionKey, sortKey } = keyAttributes(name);
      return { [partitionKey]: fill(index.pk, values), [sortKey]: fill(index.sk, values) };
    },

    /** The record an item holds, checked against the schema; a malformed item is logged and refused. */
    parse,

    /** The partition value a pattern reads. */
    partition<N extends keyof P>(name: N, args: Args<P[N]['pk']>): string {
      return partitionOf(name, args).value;
    },

    /** One page of a pattern, with an opaque cursor that only continues the same partition. */
    async page<N extends keyof P>(
      table: TableRef,
      name: N,
      args: Args<P[N]['pk']>,
      options: PageOptions = {},
    ): Promise<{ items: R[]; cursor: string | null }> {
      const { attributes, value } = partitionOf(name, args);
      const out = await table.doc.send(
        new QueryCommand({
          TableName: table.tableName,
          ...queryInput(name, args, options),
          ExclusiveStartKey: decodeCursor(options.cursor, { [attributes.partitionKey]: value }),
          ...(options.limit ? { Limit: options.limit } : {}),
        }),
      );
      return { items: (out.Items ?? []).map(parse), cursor: encodeCursor(out.LastEvaluatedKey) };
    },

    /** How many items a pattern finds (`Select: 'COUNT'`: no items sent back), following its pages. */
    async count<N extends keyof P>(table: TableRef, name: N, args: Args<P[N]['pk']>, options: PageOptions = {}) {
      let total = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const out = await table.doc.send(
          new QueryCommand({
            TableName: table.tableName,
            ...queryInput(name, args, options),
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        );
        total += out.Count ?? 0;
        start = out.LastEvaluatedKey;
      } while (start);
      return total;
    },

    /** One page of the raw items of a partition several kinds share (the outbox): each is parsed by its own kind. */
    async rawPage<N extends keyof P>(table: TableRef, name: N, args: Args<P[N]['pk']>, options: PageOptions = {}) {
      const { attributes, value } = partitionOf(name, args);
      const out = await table.doc.send(
        new QueryCommand({
          TableName: table.tableName,
          ...queryInput(name, args, options),
          ExclusiveStartKey: decodeCursor(options.cursor, { [attributes.partitionKey]: value }),
          ...(options.limit ? { Limit: options.limit } : {}),
        }),
      );
      return { items: out.Items ?? [], cursor: encodeCursor(out.LastEvaluatedKey) };
    },

    /** The raw items of a partition several kinds share (a catalog and its shelves): each is parsed by its own kind. */
    async rawAll<N extends keyof P>(table: TableRef, name: N, args: Args<P[N]['pk']>, options: PageOptions = {}) {
      return queryAll(table, queryInput(name, args, options));
    },

    /** Every item of a pattern, following its pages: only for partitions known to be small or bounded by range. */
    async all<N extends keyof P>(table: TableRef, name: N, args: Args<P[N]['pk']>, options: PageOptions = {}) {
      return (await queryAll(table, queryInput(name, args, options))).map(parse);
    },

    /**
     * Only `fields` of every item of a pattern (a month's figures read a few
     * attributes of thousands of entries), checked against those fields of the schema.
     */
    async fields<N extends keyof P, F extends keyof R & string>(
      table: TableRef,
      name: N,
      args: Args<P[N]['pk']>,
      fields: readonly F[],
      options: PageOptions = {},
    ): Promise<Pick<R, F>[]> {
      const input = queryInput(name, args, options);
      const names = Object.fromEntries(fields.map((f, i) => [`#f${i}`, f]));
      const picked = d.schema.pick(Object.fromEntries(fields.map((f) => [f, true])) as never);
      const projected = {
        ...input,
        ProjectionExpression: Object.keys(names).join(', '),
        ExpressionAttributeNames: { ...input.ExpressionAttributeNames, ...names },
      };
      const items =
        options.max === undefined ? await queryAll(table, projected) : await queryUpTo(table, projected, options.max);
      return items.map((item) => {
        const result = picked.safeParse(item);
        if (result.success) return result.data as Pick<R, F>;
        dataLogger.error('Malformed item', { kind: d.kind, issues: result.error.issues });
        throw new MalformedItemError(d.kind, { pk: item.pk, sk: item.sk }, result.error.issues);
      });
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: any entity, for the table page
export type AnyEntity = ReturnType<typeof entity<any, any, any, any>>;
