import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLocalEndpoint, type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { PortInUseError } from '../../infra/local/ports.js';

function clientFor(endpoint: string): DynamoDBClient {
  assertLocalEndpoint(endpoint);
  return new DynamoDBClient({
    endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

describe('Starting DynamoDB Local in memory', () => {
  let db: DynamoDbLocal;

  beforeAll(async () => {
    db = await startDynamoDbLocal({ port: 0 });
  });

  afterAll(async () => {
    await db.stop();
  });

  it('answers ListTables on a local endpoint with an empty database', async () => {
    // Act
    const tables = await clientFor(db.endpoint).send(new ListTablesCommand({}));

    // Assess
    expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(tables.TableNames).toEqual([]);
  });

  it('refuses a second start on the same port with a clear message', async () => {
    // Prepare
    const port = Number(new URL(db.endpoint).port);

    // Act
    const error = await startDynamoDbLocal({ port }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as Error).message).toContain(`端口 ${port} 已被占用`);
    expect((error as Error).message).toContain(`port ${port} is already in use`);
  });
});

describe('Guarding against a non-local DynamoDB endpoint', () => {
  it('refuses the AWS endpoint and accepts the local ones', () => {
    expect(() => assertLocalEndpoint('https://dynamodb.us-east-1.amazonaws.com')).toThrow(/non-local/);
    expect(() => assertLocalEndpoint('http://10.0.0.5:8000')).toThrow(/non-local/);
    expect(() => assertLocalEndpoint('not a url')).toThrow();
    expect(() => assertLocalEndpoint('http://127.0.0.1:8000')).not.toThrow();
    expect(() => assertLocalEndpoint('http://localhost:8000')).not.toThrow();
    expect(() => assertLocalEndpoint('http://[::1]:8000')).not.toThrow();
  });
});

describe('Starting DynamoDB Local on disk', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'linli-ddb-'));
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('creates the database folder, keeps tables across a restart and stops for good', async () => {
    // Prepare
    const dbPath = join(parent, 'nested', 'dynamodb');
    const first = await startDynamoDbLocal({ port: 0, dbPath });
    await clientFor(first.endpoint).send(
      new CreateTableCommand({
        TableName: 'kept',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await first.stop();

    // Act
    const second = await startDynamoDbLocal({ port: 0, dbPath });
    let tables: string[] | undefined;
    try {
      tables = (await clientFor(second.endpoint).send(new ListTablesCommand({}))).TableNames;
    } finally {
      await second.stop();
    }
    const afterStop = await clientFor(second.endpoint)
      .send(new ListTablesCommand({}))
      .catch((e: unknown) => e);

    // Assess
    expect(tables).toEqual(['kept']);
    expect(afterStop).toBeInstanceOf(Error);
  });
});
