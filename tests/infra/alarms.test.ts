/**
 * What an operator is woken by: one SNS topic, and an alarm for each way the
 * system can be failing. The sweep-failure alarm watches the metric the jobs
 * Lambda really writes (checked by running runSweeps here).
 */
import { CONTEXTS } from '@linli/functions/routes';
import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { metricsNamespace } from '../../infra/lib/linli-stack.js';
import { functionId, templateOf, WECHAT_APP_ID } from './build.js';

const PROD = { stage: 'prod', wechatAppId: WECHAT_APP_ID };

type AlarmProps = Record<string, unknown> & { AlarmActions: unknown[]; OKActions: unknown[] };

let template: Template;
let topic: string;

function alarm(name: string): AlarmProps {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
    (a) => a.Properties.AlarmName === `linli-prod-${name}`,
  );
  expect(found, name).toHaveLength(1);
  return found[0]?.Properties as AlarmProps;
}

beforeAll(() => {
  template = templateOf({ ...PROD, alarmEmail: 'ops@linli.example.cn' });
  [topic] = Object.keys(template.findResources('AWS::SNS::Topic')) as [string];
});

describe('The alarm topic', () => {
  it('is one SNS topic, mailed when -c alarmEmail is given', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@linli.example.cn',
      TopicArn: { Ref: topic },
    });
    template.hasOutput('AlarmTopicArn', {});
  });

  it('has no subscription without -c alarmEmail', () => {
    templateOf(PROD).resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('receives every alarm, when it fires and when it is OK again', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBe(1 + 2 * (CONTEXTS.length + 2) + 1 + 2 + 1 + 2);
    for (const a of alarms) {
      expect(a.Properties.AlarmActions, a.Properties.AlarmName).toEqual([{ Ref: topic }]);
      expect(a.Properties.OKActions, a.Properties.AlarmName).toEqual([{ Ref: topic }]);
      expect(a.Properties.TreatMissingData).toBe('notBreaching');
    }
  });
});

describe('The alarms', () => {
  it('watches the API’s 5xx rate on the default stage', () => {
    const props = alarm('api-5xx-rate');
    const [api] = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'));
    const stageMetric = (name: string) => ({
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: name,
        Dimensions: [
          { Name: 'ApiId', Value: { Ref: api } },
          { Name: 'Stage', Value: '$default' },
        ],
      },
      Period: 300,
      Stat: 'Sum',
    });
    expect(props).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(props.Metrics).toEqual([
      expect.objectContaining({ Expression: expect.stringContaining('100 * errors / requests'), ReturnData: true }),
      { Id: 'errors', MetricStat: stageMetric('5xx'), ReturnData: false },
      { Id: 'requests', MetricStat: stageMetric('Count'), ReturnData: false },
    ]);
  });

  it.each([...CONTEXTS, 'jobs', 'outbox'])('watches errors and throttles of the %s Lambda', (name) => {
    const fn = functionId(template, name);
    for (const [what, metric] of [
      ['errors', 'Errors'],
      ['throttles', 'Throttles'],
    ]) {
      expect(alarm(`${name}-${what}`)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
        Statistic: 'Sum',
        Threshold: 1,
      });
    }
  });

  it('watches the p99 duration of the points Lambda, 2 s unless -c pointsP99Millis says otherwise', () => {
    const fn = functionId(template, 'points');
    expect(alarm('points-p99-latency')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
      ExtendedStatistic: 'p99',
      Threshold: 2000,
      EvaluationPeriods: 3,
    });
    templateOf({ ...PROD, pointsP99Millis: '1500' }).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'linli-prod-points-p99-latency',
      Threshold: 1500,
    });
  });

  it.each([
    ['table-throttles', 'ThrottledRequests'],
    ['table-system-errors', 'SystemErrors'],
  ])('%s: sums DynamoDB %s over every operation the code calls', (name, metric) => {
    const [table] = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'));
    const props = alarm(name);
    const metrics = props.Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions: unknown[] } } }[];
    const operations = metrics.flatMap((m) =>
      m.MetricStat
        ? [
            (m.MetricStat.Metric.Dimensions as { Name: string; Value: unknown }[]).find((d) => d.Name === 'Operation')
              ?.Value,
          ]
        : [],
    );
    expect(operations.sort()).toEqual([
      'BatchGetItem',
      'BatchWriteItem',
      'DeleteItem',
      'GetItem',
      'PutItem',
      'Query',
      'TransactWriteItems',
      'UpdateItem',
    ]);
    for (const m of metrics.filter((m) => m.MetricStat)) {
      expect(m.MetricStat?.Metric.MetricName).toBe(metric);
      expect(m.MetricStat?.Metric.Dimensions).toContainEqual({ Name: 'TableName', Value: { Ref: table } });
    }
    expect(props.Threshold).toBe(1);
  });

  it.each([
    ['schedule', 'ScheduledJobsDeadLetters'],
    ['outbox', 'OutboxDeadLetters'],
  ])('watches the depth of the %s dead-letter queue', (name, prefix) => {
    const queue = Object.keys(template.findResources('AWS::SQS::Queue')).find((id) => id.startsWith(prefix));
    expect(alarm(`${name}-dlq-depth`)).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Threshold: 1,
    });
  });

  it('watches sweep failures in the namespace every Lambda is given', () => {
    expect(alarm('sweep-failures')).toMatchObject({
      Namespace: metricsNamespace('prod'),
      MetricName: 'SweepFailures',
      Dimensions: [{ Name: 'service', Value: 'linli-jobs' }],
      Statistic: 'Sum',
      Threshold: 1,
    });
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_METRICS_NAMESPACE: metricsNamespace('prod') }) },
    });
  });
});

describe('A failed sweep is logged and counted, as the alarm sees it', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one EMF line the sweep-failure alarm’s metric is made of', async () => {
    // Prepare: the jobs Lambda's environment, as the stack sets it (no network is touched)
    Object.assign(process.env, {
      STAGE: 'dev',
      TABLE_NAME: 'unit',
      PHOTO_BUCKET: 'unit',
      WECHAT_APP_ID: 'wxunit',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      WECHAT_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:unit',
      WECHAT_PUSH_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:push',
      SESSION_KEY_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:key',
      WECHAT_TEMPLATE_FEEDBACK_ACCEPTED: 't',
      WECHAT_TEMPLATE_FEEDBACK_RESOLVED: 't',
      WECHAT_TEMPLATE_FEEDBACK_REPLY: 't',
      WECHAT_TEMPLATE_FEEDBACK_TASK: 't',
      WECHAT_TEMPLATE_PICKUP_REMINDER: 't',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_SERVICE_NAME: 'linli-jobs',
      POWERTOOLS_METRICS_NAMESPACE: metricsNamespace('prod'),
    });
    const { runSweeps } = await import('../../functions/src/handlers/jobs/sweeps.js');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const boom = async (): Promise<{ changed: number }> => {
      throw new Error('boom');
    };

    // Act
    const results = await runSweeps(
      [
        { name: 'fine', run: async () => ({ changed: 1 }) },
        { name: 'broken', run: boom },
      ],
      new Date('2026-03-06T00:00:00Z'),
    );

    // Assess
    expect(results).toEqual([
      { name: 'fine', changed: 1 },
      { name: 'broken', failed: true },
    ]);
    const emf = lines.filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line));
    expect(emf).toHaveLength(1);
    const [directive] = emf[0]._aws.CloudWatchMetrics;
    const watched = alarm('sweep-failures');
    expect(directive.Namespace).toBe(watched.Namespace);
    expect(directive.Metrics).toEqual([{ Name: watched.MetricName, Unit: 'Count' }]);
    // The alarm's dimension set is one the line declares, with the values the alarm names.
    expect(directive.Dimensions).toContainEqual(['service']);
    for (const { Name, Value } of watched.Dimensions as { Name: string; Value: string }[])
      expect(emf[0][Name]).toBe(Value);
    expect(emf[0]).toMatchObject({ sweep: 'broken', SweepFailures: 1 });
  });
});
