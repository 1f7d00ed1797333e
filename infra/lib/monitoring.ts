import { SERVICE_DIMENSION, SWEEP_FAILURES } from '@linli/functions/metrics';
import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { CloudStage } from './config.js';

export interface MonitoringProps {
  readonly stage: CloudStage;
  readonly alarmEmail?: string;
  /** Every Lambda, by the name of its handler folder. */
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly apiStage: HttpStage;
  readonly table: ITableV2;
  readonly metricsNamespace: string;
  readonly pointsP99Millis: number;
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
}

const PERIOD = Duration.minutes(5);

/** What the 5xx alarm accepts: 1% of requests, once there are enough to make a rate. */
export const API_5XX_PERCENT = 1;
export const API_5XX_MIN_REQUESTS = 20;

/** The DynamoDB operations the code calls; their throttles and system errors are summed. */
export const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

/**
 * The alarms an operator is woken by, all on one SNS topic (mail with
 * `-c alarmEmail=…`, or subscribe anything else to the topic). Each alarm is
 * named `linli-<stage>-<what>` and also says when it is OK again.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { stage } = props;
    this.topic = new Topic(this, 'Alarms', {
      topicName: `linli-${stage}-alarms`,
      displayName: `Linli ${stage} alarms`,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (
      name: string,
      description: string,
      metric: IMetric,
      threshold: number,
      options: { evaluationPeriods?: number; datapointsToAlarm?: number } = {},
    ) => {
      const created = new Alarm(this, name, {
        alarmName: `linli-${stage}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm,
        // No data is no traffic, not an outage.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    // The API: the share of requests that ended in a 5xx.
    alarm(
      'api-5xx-rate',
      `More than ${API_5XX_PERCENT}% of API requests answered 5xx (at least ${API_5XX_MIN_REQUESTS} requests in 5 minutes)`,
      new MathExpression({
        expression: `IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: props.apiStage.metricServerError({ statistic: 'Sum', period: PERIOD }),
          requests: props.apiStage.metricCount({ statistic: 'Sum', period: PERIOD }),
        },
        label: '5xx %',
        period: PERIOD,
      }),
      API_5XX_PERCENT,
      { evaluationPeriods: 3, datapointsToAlarm: 2 },
    );

    // Every Lambda: errors that escaped the handler (crashes, timeouts, init failures) and throttles.
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}-errors`,
        `The ${name} Lambda failed (uncaught error, timeout or failed cold start)`,
        fn.metricErrors({ statistic: 'Sum', period: PERIOD }),
        1,
      );
      alarm(
        `${name}-throttles`,
        `The ${name} Lambda was throttled (concurrency used up)`,
        fn.metricThrottles({ statistic: 'Sum', period: PERIOD }),
        1,
      );
    }

    // The points routes: p99 duration of their Lambda, for 15 minutes.
    const points = props.functions.points;
    if (!points) throw new Error('Monitoring needs the points function');
    alarm(
      'points-p99-latency',
      `The points Lambda's p99 duration was at least ${props.pointsP99Millis} ms for 15 minutes`,
      points.metricDuration({ statistic: 'p99', period: PERIOD }),
      props.pointsP99Millis,
      { evaluationPeriods: 3 },
    );

    // The table: throttled requests and DynamoDB's own errors, over the operations the code calls.
    alarm(
      'table-throttles',
      'DynamoDB throttled requests to the table',
      props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD }),
      1,
    );
    alarm(
      'table-system-errors',
      'DynamoDB answered requests to the table with a system error (HTTP 500)',
      props.table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD }),
      1,
    );

    // The sweeps: functions/src/handlers/jobs/sweeps.ts counts each one that throws.
    alarm(
      'sweep-failures',
      'Scheduled sweeps failed in two of the last three 5-minute periods (see the jobs log: "Sweep failed")',
      new Metric({
        namespace: props.metricsNamespace,
        metricName: SWEEP_FAILURES,
        dimensionsMap: { [SERVICE_DIMENSION]: 'linli-jobs' },
        statistic: 'Sum',
        period: PERIOD,
      }),
      1,
      { evaluationPeriods: 3, datapointsToAlarm: 2 },
    );

    // The dead-letter queues: anything in one is work that did not happen.
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}-dlq-depth`,
        `The ${name} dead-letter queue holds messages: work that did not happen`,
        queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: PERIOD }),
        1,
      );
    }
  }
}
