/**
 * The fault layer in the real SDK stack against DynamoDB Local: the SDK
 * retries throttles as it would DynamoDB's, a transaction that stays in
 * conflict becomes "busy" with nothing written, and a lost answer after a
 * transaction was applied is retried by the SDK with the same request token.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BusyError } from '@linli/shared';
import { describe, expect, inject, it, vi } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { faultMiddleware } from '../../functions/src/data/faults.js';
import { writeTransaction } from '../../functions/src/data/transactions.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

const tableWith = (faults: Record<string, number>) =>
  createTable({ tableName: inject('tableName'), region: 'cn-north-1', endpoint: inject('dynamoEndpoint'), faults });
const key = () => ({ pk: `FAULTTEST#${Math.random().toString(36).slice(2)}`, sk: 'ITEM' });

describe('DynamoDB faults injected locally', () => {
  it('retries a throttle in the SDK, then surfaces it with the attempts it made', async () => {
    const table = tableWith({ throttle: 1 });
    const error = await table.doc
      .send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'x' },
        }),
      )
      .catch((e: unknown) => e as { name: string; $metadata: { attempts: number } });
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 4 } });
  });

  it('turns a transaction that stays in conflict into BUSY, having written nothing', async () => {
    const table = tableWith({ conflict: 1 });
    const item = key();
    const error = await writeTransaction(table, [
      { Put: { TableName: table.tableName, Item: { ...item, n: 1 } } },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusyError);
    expect((error as BusyError).status).toBe(503);
    const clean = tableWith({});
    expect((await clean.doc.send(new GetCommand({ TableName: clean.tableName, Key: item }))).Item).toBeUndefined();
  });

  it('applies a write whose answer was lost once; the SDK’s retry carries the same request token and changes nothing', async () => {
    // Prepare: the first write's answer is lost, later ones are not
    const table = tableWith({});
    let rolls = 0;
    table.doc.middlewareStack.add(faultMiddleware({ timeout: 1 }, () => (rolls++ === 0 ? 0 : 1)) as never, {
      step: 'finalizeRequest',
      name: 'lostOnce',
    });
    const item = key();
    // Act
    await writeTransaction(table, [
      {
        Update: {
          TableName: table.tableName,
          Key: item,
          UpdateExpression: 'ADD n :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
    ]);
    // Assess: applied exactly once, though it was sent twice
    expect(rolls).toBe(2);
    const clean = tableWith({});
    expect((await clean.doc.send(new GetCommand({ TableName: clean.tableName, Key: item }))).Item).toMatchObject({
      n: 1,
    });
  });

  it('counts the SDK’s retries and the transactions lost to a conflict as metrics', async () => {
    // Prepare: a namespace, as the stack sets it, and stdout read for EMF lines.
    process.env.POWERTOOLS_METRICS_NAMESPACE = 'Linli/test';
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      // Act
      await tableWith({ throttle: 1 })
        .doc.send(new GetCommand({ TableName: inject('tableName'), Key: key() }))
        .catch(() => undefined);
      await writeTransaction(tableWith({ conflict: 1 }), [
        { Put: { TableName: inject('tableName'), Item: { ...key(), n: 1 } } },
      ]).catch(() => undefined);
    } finally {
      write.mockRestore();
      delete process.env.POWERTOOLS_METRICS_NAMESPACE;
    }
    // Assess
    const emf = lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l));
    expect(emf.find((m) => 'DynamoDbRetries' in m)).toMatchObject({ DynamoDbRetries: 3, command: 'GetItemCommand' });
    // Every attempt of the transaction conflicted: six counted.
    expect(emf.filter((m) => 'DynamoDbConflicts' in m)).toHaveLength(6);
  });
});
