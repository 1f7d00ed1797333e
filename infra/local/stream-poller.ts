/**
 * Under `npm start`, what the cloud's event source mapping does: reads
 * DynamoDB Local's stream and calls the outbox consumer with the same event
 * shape Lambda gets. Shards open at start are read from their end (what was
 * pending before a restart is the outbox sweep's); shards that open later
 * are read from their start.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { assertLocalEndpoint } from './dynamodb-local.js';

export interface StreamPollerOptions {
  endpoint: string;
  region: string;
  tableName: string;
  handler: (event: DynamoDBStreamEvent) => Promise<unknown>;
  intervalMs?: number;
}

export async function startStreamPoller(opts: StreamPollerOptions): Promise<{ stop(): Promise<void> }> {
  assertLocalEndpoint(opts.endpoint);
  const table = await new DynamoDBClient({ endpoint: opts.endpoint, region: opts.region }).send(
    new DescribeTableCommand({ TableName: opts.tableName }),
  );
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${opts.tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({ endpoint: opts.endpoint, region: opts.region });
  /** shard id → next iterator; null once the shard is closed and read to its end. */
  const iterators = new Map<string, string | null>();
  let first = true;
  let stopped = false;

  const discover = async () => {
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of described.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const open = !shard.SequenceNumberRange?.EndingSequenceNumber;
      const out = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: first && open ? 'LATEST' : 'TRIM_HORIZON',
        }),
      );
      iterators.set(shard.ShardId, first && !open ? null : (out.ShardIterator ?? null));
    }
    first = false;
  };

  const poll = async () => {
    await discover();
    for (const [shardId, iterator] of iterators) {
      if (!iterator) continue;
      try {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        const records = (out.Records ?? []) as _Record[];
        // A batch the consumer fails is read again on the next poll, as Lambda retries it (each event counts once).
        if (records.length) await opts.handler({ Records: records } as unknown as DynamoDBStreamEvent);
        iterators.set(shardId, out.NextShardIterator ?? null);
      } catch (error) {
        // An iterator lives 15 minutes; what it missed is the outbox sweep's.
        if (error instanceof ExpiredIteratorException) iterators.delete(shardId);
        else throw error;
      }
    }
  };

  await discover();
  const loop = (async () => {
    while (!stopped) {
      await poll().catch((error: unknown) => console.error('stream poller:', error));
      await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 200));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      streams.destroy();
    },
  };
}
