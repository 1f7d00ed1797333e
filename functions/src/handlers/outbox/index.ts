/**
 * The DynamoDB stream consumer, after a change committed:
 * - new outbox entries (messages WeChat may carry, photos to check) are worked through at once;
 * - changes of reports, ledger entries, homes and bulletins add their difference to the roll-ups
 *   the street and community figures read (once per stream event).
 * In the cloud the event source mapping calls this; under `npm start` the local stream poller does,
 * with the same event shape.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import { entryOf, processOutbox } from '../../domain/messages/outbox.js';
import { applyChanges, type ChangeRecord } from '../../domain/rollups/consume.js';
import { inSubsegment, tracedInvocation } from '../../tracer.js';
import { deps } from './deps.js';

type Image = Record<string, AttributeValue> | undefined;
const itemOf = (image: Image) => (image ? unmarshall(image as never) : undefined);

export const handler = tracedInvocation('stream', async (event: DynamoDBStreamEvent) => {
  const entries = event.Records.flatMap((record) => {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return [];
    const entry = entryOf(itemOf(record.dynamodb.NewImage as Image) as never);
    return entry ? [entry] : [];
  });
  const changes: ChangeRecord[] = event.Records.map((record) => ({
    eventId: record.eventID ?? `${record.dynamodb?.SequenceNumber}`,
    oldImage: itemOf(record.dynamodb?.OldImage as Image),
    newImage: itemOf(record.dynamodb?.NewImage as Image),
  }));
  // A failed roll-up change fails the batch (it is retried; each event counts once). Outbox failures stay
  // in the table as pending entries for the outbox sweep; they never block the stream.
  await inSubsegment('### rollups', () => applyChanges(deps(), changes));
  return inSubsegment('### outbox', () => processOutbox(deps(), entries));
});
