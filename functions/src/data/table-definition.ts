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
    /** Alternate access patterns: by openid, community member lists, request queues. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Time-ordered queues (due dates, scheduled jobs). */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type TableDefinition = typeof tableDefinition;
