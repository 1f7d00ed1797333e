import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { countMetric, DYNAMODB_RETRIES } from '../metrics.js';
import { traced } from '../tracer.js';
import { type FaultRates, faultMiddleware } from './faults.js';
import { recordRoundTrip } from './round-trips.js';

export interface TableRef {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

export function createTable(opts: {
  tableName: string;
  region: string;
  endpoint?: string;
  /** DynamoDB's faults injected locally (`LINLI_FAULTS`); never set in the cloud. */
  faults?: FaultRates;
}): TableRef {
  const client = traced(new DynamoDBClient({ region: opts.region, endpoint: opts.endpoint, maxAttempts: 4 }));
  if (opts.faults && Object.keys(opts.faults).length)
    client.middlewareStack.add(faultMiddleware(opts.faults), { step: 'finalizeRequest', name: 'linliFaults' });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      recordRoundTrip(context.commandName);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'linliRoundTrips' },
  );
  // Outside the SDK's retries: how many times it tried again (throttles, lost answers) becomes a metric.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const retried = (attempts: number | undefined) => {
        if (attempts && attempts > 1)
          countMetric(DYNAMODB_RETRIES, { command: context.commandName ?? 'unknown' }, { count: attempts - 1 });
      };
      try {
        const result = await next(args);
        retried((result.output as { $metadata?: { attempts?: number } }).$metadata?.attempts);
        return result;
      } catch (error) {
        retried((error as { $metadata?: { attempts?: number } }).$metadata?.attempts);
        throw error;
      }
    },
    { step: 'initialize', name: 'linliRetryMetric' },
  );
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: opts.tableName };
}
