import { Duration } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The tagged kinds whose changes the roll-ups count. */
const ROLLUP_KINDS = ['report', 'ledger', 'household'] as const;

import type { CloudStage } from './config.js';
import { handlerFunction } from './lambda.js';
import { grantNeeds } from './permissions.js';
import type { Secrets } from './secrets.js';
import type { Storage } from './storage.js';

export interface OutboxProps {
  readonly stage: CloudStage;
  readonly environment: Record<string, string>;
  readonly storage: Storage;
  readonly secrets: Secrets;
}

/**
 * The stream consumer: a Lambda on the table's stream that hands new outbox
 * items (messages WeChat may carry, photos to check) to WeChat after the
 * change that wrote them committed, and adds the changes of reports, ledger
 * entries, homes and bulletins to the roll-ups. Only those items reach it;
 * what it cannot deliver stays pending for the outbox sweep.
 */
export class Outbox extends Construct {
  readonly consumer: NodejsFunction;
  /** Where the stream's batches go once every retry failed: their shard, sequence numbers and time, not the items. */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);
    this.consumer = handlerFunction(this, 'OutboxFunction', {
      handler: 'outbox',
      timeout: Duration.seconds(60),
      environment: props.environment,
    });
    grantNeeds(this.consumer, 'outbox', props.stage, {
      table: props.storage.table,
      photos: props.storage.photos,
      secrets: props.secrets,
    });
    this.deadLetters = new Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    // Adds the stream read (and nothing else on the table) to the consumer's role.
    this.consumer.addEventSource(
      new DynamoEventSource(props.storage.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(1),
        // The handler keeps failures in the table; a poisoned batch is split, then skipped, never blocking the shard.
        bisectBatchOnError: true,
        retryAttempts: 2,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { outbox: { S: FilterRule.exists() } } },
          }),
          // The roll-ups' kinds (domain/rollups/consume.ts): reports, ledger entries, homes, and bulletins by key.
          FilterCriteria.filter({ dynamodb: { NewImage: { kind: { S: FilterRule.or(...ROLLUP_KINDS) } } } }),
          FilterCriteria.filter({ dynamodb: { OldImage: { kind: { S: FilterRule.or(...ROLLUP_KINDS) } } } }),
          FilterCriteria.filter({ dynamodb: { Keys: { sk: { S: FilterRule.isEqual('BULLETIN') } } } }),
        ],
      }),
    );
  }
}
