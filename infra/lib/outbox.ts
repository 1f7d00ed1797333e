import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { handlerFunction } from './lambda.js';
import type { Secrets } from './secrets.js';
import type { Storage } from './storage.js';

export interface OutboxProps {
  readonly environment: Record<string, string>;
  readonly storage: Storage;
  readonly secrets: Secrets;
}

/**
 * The outbox consumer: a Lambda on the table's stream that hands new outbox
 * items (messages WeChat may carry, photos to check) to WeChat after the
 * change that wrote them committed. Only items with an `outbox` attribute
 * reach it; what it cannot deliver stays pending for the outbox sweep.
 */
export class Outbox extends Construct {
  readonly consumer: NodejsFunction;

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);
    this.consumer = handlerFunction(this, 'OutboxFunction', {
      handler: 'outbox',
      timeout: Duration.seconds(60),
      environment: props.environment,
    });
    props.storage.table.grantReadWriteData(this.consumer);
    props.storage.photos.grantRead(this.consumer);
    props.secrets.grantRead(this.consumer);
    this.consumer.addEventSource(
      new DynamoEventSource(props.storage.table as TableV2, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(1),
        // The handler keeps failures in the table; a poisoned batch is split, then skipped, never blocking the shard.
        bisectBatchOnError: true,
        retryAttempts: 2,
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { outbox: { S: FilterRule.exists() } } },
          }),
        ],
      }),
    );
  }
}
