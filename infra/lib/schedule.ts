import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { CloudStage } from './config.js';
import { handlerFunction } from './lambda.js';
import { grantNeeds } from './permissions.js';
import type { Secrets } from './secrets.js';
import type { Storage } from './storage.js';

export interface ScheduledJobsProps {
  readonly stage: CloudStage;
  readonly environment: Record<string, string>;
  readonly storage: Storage;
  readonly secrets: Secrets;
}

/** A tick that could not be delivered is retried this long; the next one comes 5 minutes after it anyway. */
export const TICK_MAX_AGE = Duration.minutes(4);

/** The jobs Lambda every sweep runs in (SLA sweep, exchange-day close, bulletin publish), woken every 5 minutes. */
export class ScheduledJobs extends Construct {
  readonly jobs: NodejsFunction;
  /** Ticks EventBridge could not deliver, and invocations that crashed: each one a tick whose sweeps did not run. */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    this.jobs = handlerFunction(this, 'JobsFunction', {
      handler: 'jobs',
      timeout: Duration.seconds(60),
      environment: props.environment,
      // The next tick runs the sweep again; retries would only overlap with it.
      retryAttempts: 0,
      // A run that crashed (a timeout, an init failure) is kept, not forgotten.
      onFailure: new SqsDestination(this.deadLetters),
    });
    grantNeeds(this.jobs, 'jobs', props.stage, {
      table: props.storage.table,
      photos: props.storage.photos,
      secrets: props.secrets,
    });

    new Rule(this, 'EveryFiveMinutes', {
      description: 'Wakes the Linli scheduled jobs',
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [
        new LambdaFunction(this.jobs, {
          // Delivery failures (throttled, Lambda unavailable) are retried while the tick is still worth running.
          retryAttempts: 3,
          maxEventAge: TICK_MAX_AGE,
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });
  }
}
