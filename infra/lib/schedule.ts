import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { handlerFunction } from './lambda.js';
import type { Secrets } from './secrets.js';
import type { Storage } from './storage.js';

export interface ScheduledJobsProps {
  readonly environment: Record<string, string>;
  readonly storage: Storage;
  readonly secrets: Secrets;
}

/** The jobs Lambda every sweep runs in (SLA sweep, exchange-day close, bulletin publish), woken every 5 minutes. */
export class ScheduledJobs extends Construct {
  readonly jobs: NodejsFunction;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    this.jobs = handlerFunction(this, 'JobsFunction', {
      handler: 'jobs',
      timeout: Duration.seconds(60),
      environment: props.environment,
      // The next tick runs the sweep again; retries would only overlap with it.
      retryAttempts: 0,
    });
    props.storage.table.grantReadWriteData(this.jobs);
    // The outbox sweep retries image checks, whose presigned GETs WeChat downloads.
    props.storage.photos.grantRead(this.jobs);
    props.secrets.grantRead(this.jobs);

    new Rule(this, 'EveryFiveMinutes', {
      description: 'Wakes the Linli scheduled jobs',
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(this.jobs)],
    });
  }
}
