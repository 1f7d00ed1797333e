/**
 * The DynamoDB stream consumer: new outbox entries (messages WeChat may
 * carry, photos to check) are worked through right after the change that
 * wrote them committed. In the cloud the event source mapping calls this;
 * under `npm start` the local stream poller does, with the same event shape.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import { entryOf, processOutbox } from '../../domain/messages/outbox.js';
import { deps } from './deps.js';

export const handler = async (event: DynamoDBStreamEvent) => {
  const entries = event.Records.flatMap((record) => {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return [];
    const entry = entryOf(unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue> as never));
    return entry ? [entry] : [];
  });
  // Failures stay in the table as pending entries for the outbox sweep; the stream never blocks on them.
  return processOutbox(deps(), entries);
};
