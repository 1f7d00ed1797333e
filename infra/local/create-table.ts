import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../functions/src/data/table-definition.js';
import { assertLocalEndpoint } from './dynamodb-local.js';

/**
 * Creates the table from the same definition the CDK stack uses; a table already there is kept.
 * With `stream: false` a new table has no stream yet (a bulk seed with nobody reading its records,
 * see stack.ts): calling it again without creates the stream, as for a table kept from before there was one.
 */
export async function ensureTable(
  endpoint: string,
  tableName: string,
  region: string,
  opts: { stream?: boolean } = {},
): Promise<void> {
  const stream = opts.stream ?? true;
  assertLocalEndpoint(endpoint);
  const client = new DynamoDBClient({ endpoint, region });
  const d = tableDefinition;
  const attributes = [d.partitionKey, d.sortKey, ...d.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: d.partitionKey, KeyType: 'HASH' },
          { AttributeName: d.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: d.globalIndexes.map((g) => ({
          IndexName: g.name,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } : {}),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: d.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  if (!stream) return client.destroy();
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  // A table kept in .data from before the outbox had no stream; one from before the roll-ups had new images only.
  const spec = described.Table?.StreamSpecification;
  if (spec?.StreamEnabled && spec.StreamViewType !== 'NEW_AND_OLD_IMAGES')
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }));
  if (!spec?.StreamEnabled || spec.StreamViewType !== 'NEW_AND_OLD_IMAGES')
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
  client.destroy();
}
