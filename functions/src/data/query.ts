import { BatchGetCommand, BatchWriteCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';

/** Every item a key query finds, following its pages. Only for partitions known to be small or bounded by range. */
export async function queryAll(
  table: TableRef,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await table.doc.send(
      new QueryCommand({ TableName: table.tableName, ...input, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * At most `max` items of a key query, following its pages only as far as
 * needed (a filter can leave a page short): a bounded read of a big partition.
 */
export async function queryUpTo(
  table: TableRef,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  max: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await table.doc.send(
      new QueryCommand({ TableName: table.tableName, ...input, Limit: max - items.length, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start && items.length < max);
  return items.slice(0, max);
}

/**
 * The items at `itemKeys` that exist, read 100 at a time, following what DynamoDB left unprocessed;
 * `consistent` for reads a conditioned write depends on (an account's `seq`).
 */
export async function batchGetAll(
  table: TableRef,
  itemKeys: readonly Record<string, unknown>[],
  projection?: string,
  consistent = false,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < itemKeys.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = itemKeys.slice(i, i + 100);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const out = await table.doc.send(
        new BatchGetCommand({
          RequestItems: {
            [table.tableName]: {
              Keys: pending,
              ...(projection ? { ProjectionExpression: projection } : {}),
              ...(consistent ? { ConsistentRead: true } : {}),
            },
          },
        }),
      );
      items.push(...(out.Responses?.[table.tableName] ?? []));
      pending = out.UnprocessedKeys?.[table.tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return items;
}

/** Puts and deletes in batches of 25, retrying what DynamoDB left unprocessed. */
export async function batchWriteAll(table: TableRef, requests: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const out = await table.doc.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }));
      pending = out.UnprocessedItems?.[table.tableName] as Record<string, unknown>[] | undefined;
    }
  }
}

type Key = { pk: string; sk: string };

/**
 * Items of several kinds a use case checks before one transaction, in one
 * consistent BatchGet: each `wanted` entry is a key and its kind's parser;
 * an item that is not there is `undefined`.
 */
export async function readTogether<
  W extends Record<string, { key: Key; parse: (item: Record<string, unknown>) => unknown }>,
>(table: TableRef, wanted: W): Promise<{ [N in keyof W]: ReturnType<W[N]['parse']> | undefined }> {
  const entries = Object.entries(wanted);
  const items = await batchGetAll(
    table,
    entries.map(([, w]) => w.key),
    undefined,
    true,
  );
  const at = (key: Key) => items.find((i) => i.pk === key.pk && i.sk === key.sk);
  return Object.fromEntries(
    entries.map(([name, w]) => {
      const item = at(w.key);
      return [name, item ? w.parse(item) : undefined];
    }),
  ) as { [N in keyof W]: ReturnType<W[N]['parse']> | undefined };
}
