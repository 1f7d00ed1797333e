/**
 * The one DynamoDB table, described once. The CDK stack and the local stack
 * (DynamoDB Local) both build the table from this.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; items past it are gone eventually, and reads filter on it. */
  ttlAttribute: 'expiresAt',
  globalIndexes: [
    {
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      doc: 'Alternate access patterns: community member lists, request queues, a person’s own lists.',
    },
    {
      name: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      doc: 'Second access pattern of an entity: community timelines, monthly ledgers, station queues.',
    },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', doc: 'Third: work queues by grid, homes by building.' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', doc: 'Fourth: work queues by assignee.' },
    {
      name: 'gsi5',
      partitionKey: 'gsi5pk',
      sortKey: 'gsi5sk',
      doc: 'Sparse, time-ordered: what a scheduled sweep must look at next.',
    },
  ],
} as const;

export type TableDefinition = typeof tableDefinition;

export type IndexName = TableDefinition['globalIndexes'][number]['name'];

/** The index names as constants: `INDEX.gsi2`, never a bare `'gsi2'`. */
export const INDEX = Object.fromEntries(tableDefinition.globalIndexes.map((i) => [i.name, i.name])) as {
  readonly [N in IndexName]: N;
};

/** The key attributes of the table or of one index. */
export function keyAttributes(index: 'table' | IndexName): { partitionKey: string; sortKey: string } {
  if (index === 'table') return tableDefinition;
  const found = tableDefinition.globalIndexes.find((i) => i.name === index);
  if (!found) throw new Error(`No index ${index}`);
  return found;
}

/** Every attribute that is a key of the table or an index: never part of a record. */
export const KEY_ATTRIBUTES: readonly string[] = [
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  ...tableDefinition.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
];
