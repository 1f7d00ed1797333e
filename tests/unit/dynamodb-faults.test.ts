import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { faultError, faultMiddleware, parseFaults } from '../../functions/src/data/faults.js';
import { countRoundTrips } from '../../functions/src/data/round-trips.js';

/** Runs one request through the fault middleware; `applied` tells whether it reached DynamoDB. */
async function run(rates: Parameters<typeof faultMiddleware>[0], commandName: string, input: unknown = {}) {
  let applied = false;
  const handler = faultMiddleware(rates, () => 0)(
    async () => {
      applied = true;
      return { output: {}, response: {} } as never;
    },
    { commandName } as never,
  );
  const outcome = await handler({ input, request: {} } as never).then(
    () => null,
    (error: unknown) => error as Error,
  );
  return { applied, error: outcome };
}

describe('the DynamoDB fault layer', () => {
  it('reads LINLI_FAULTS and refuses anything it does not know', () => {
    expect(parseFaults('conflict=0.1, throttle=0.05,timeout=0')).toEqual({ conflict: 0.1, throttle: 0.05, timeout: 0 });
    expect(parseFaults(undefined)).toEqual({});
    expect(() => parseFaults('conflicts=0.1')).toThrow(/LINLI_FAULTS/);
    expect(() => parseFaults('throttle=2')).toThrow(/from 0 to 1/);
  });

  it('cancels a transaction for a conflict, naming a reason per item, and writes nothing', async () => {
    const { applied, error } = await run({ conflict: 1 }, 'TransactWriteItemsCommand', { TransactItems: [{}, {}, {}] });
    expect(applied).toBe(false);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
      'TransactionConflict',
      'None',
      'None',
    ]);
  });

  it('never conflicts anything but a transaction', async () => {
    expect((await run({ conflict: 1 }, 'PutItemCommand')).error).toBeNull();
  });

  it('throttles as DynamoDB does, by the names the SDK retries on', async () => {
    expect((await run({ throttle: 1 }, 'QueryCommand')).error?.name).toBe('ThrottlingException');
    expect((await run({ provisioned: 1 }, 'GetItemCommand')).error?.name).toBe(
      'ProvisionedThroughputExceededException',
    );
    expect(faultError('throttle')).toMatchObject({ $fault: 'client' });
  });

  it('loses the answer of a write after it was applied, and never of a read', async () => {
    const write = await run({ timeout: 1 }, 'TransactWriteItemsCommand', { TransactItems: [{}] });
    expect(write.applied).toBe(true);
    expect(write.error?.name).toBe('TimeoutError');
    const read = await run({ timeout: 1 }, 'QueryCommand');
    expect(read).toEqual({ applied: true, error: null });
  });

  it('does nothing at rate 0', async () => {
    expect(await run({ conflict: 0, throttle: 0, timeout: 0 }, 'TransactWriteItemsCommand', {})).toEqual({
      applied: true,
      error: null,
    });
  });

  it('names each fault it injects for the request it served (x-linli-dynamodb-faults), and none it did not', async () => {
    const { faults } = await countRoundTrips(async () => {
      await run({ throttle: 1 }, 'QueryCommand');
      await run({ conflict: 1 }, 'TransactWriteItemsCommand', { TransactItems: [{}] });
      await run({ timeout: 1 }, 'PutItemCommand');
      await run({ timeout: 1 }, 'GetItemCommand');
    });
    expect(faults).toEqual(['throttle:Query', 'conflict:TransactWriteItems', 'timeout:PutItem']);
  });
});
