/**
 * What running the stack needs besides the code: logs kept as long as the
 * law asks, access logs without personal data, traces, throttles where one
 * path could starve the rest, dead-letter queues for the background work and
 * photo versions that can be brought back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeList } from '@linli/functions/routes';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_FIELDS, ROUTE_THROTTLES, STAGE_THROTTLE } from '../../infra/lib/api.js';
import { TRACER_PACKAGE } from '../../infra/lib/bundling.js';
import { REPO_ROOT } from '../../infra/lib/lambda.js';
import { buildTracerLayer } from '../../infra/lib/powertools-layer.js';
import { functionId, templateOf, WECHAT_APP_ID } from './build.js';

const PROD = { stage: 'prod', wechatAppId: WECHAT_APP_ID };

let template: Template;

beforeAll(() => {
  template = templateOf(PROD);
});

describe('Logs', () => {
  it('keeps every log group 180 days (Cybersecurity Law: at least six months)', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    // Ten Lambdas and the API's access log.
    expect(groups).toHaveLength(11);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(180);
  });

  it('gives every Lambda its own log group', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function')))
      expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
  });

  it('writes an API access log line per request, without IP, user agent, path or query string', () => {
    // Act
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties.AccessLogSettings;
    const [accessLogs] = Object.keys(template.findResources('AWS::Logs::LogGroup')).filter((id) =>
      id.startsWith('ApiAccessLogs'),
    );
    const format = JSON.parse(settings.Format);

    // Assess
    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [accessLogs, 'Arn'] });
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(Object.values(format)).toEqual(
      expect.arrayContaining([
        '$context.requestId',
        '$context.routeKey',
        '$context.status',
        '$context.responseLatency',
        '$context.integrationErrorMessage',
      ]),
    );
    for (const personal of ['sourceIp', 'userAgent', 'path', 'querystring', 'authorizer', 'identity', 'domainPrefix'])
      expect(settings.Format.toLowerCase()).not.toContain(personal.toLowerCase());
  });
});

describe('Tracing and metrics', () => {
  it('traces every Lambda with X-Ray and names the Powertools metrics namespace', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(10);
    for (const fn of functions) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('Linli/prod');
    }
  });

  it('gives every Lambda the one Powertools Tracer layer, for its runtime and architecture', () => {
    // Act
    const layers = template.findResources('AWS::Lambda::LayerVersion');
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));

    // Assess
    expect(Object.keys(layers)).toHaveLength(1);
    const [id, layer] = Object.entries(layers)[0] ?? [];
    expect(layer?.Properties).toMatchObject({ CompatibleRuntimes: ['nodejs22.x'], CompatibleArchitectures: ['arm64'] });
    for (const fn of functions) {
      expect(fn.Properties.Layers).toEqual([{ Ref: id }]);
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    }
  });

  it('builds the layer from the locked tracer as ESM, where the runtime resolves a layer’s packages', () => {
    const dir = join(buildTracerLayer(REPO_ROOT), 'nodejs/node_modules', TRACER_PACKAGE);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8'));
    expect(pkg).toMatchObject({
      version: lock.packages[`node_modules/${TRACER_PACKAGE}`].version,
      type: 'module',
      exports: { '.': './index.mjs', './middleware': './middleware.mjs' },
    });
    // Everything but the runtime's AWS SDK is inside: the X-Ray SDK comes along, no other package is imported.
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    const imported = [...code.matchAll(/from\s*"([^"]+)"/g)].map((m) => m[1] as string);
    expect(imported.filter((spec) => !/^(node:|\.\/|@aws-sdk\/)/.test(spec))).toEqual([]);
    expect(code).toContain('AWS_XRAY_DAEMON_ADDRESS');
  });
});

describe('Throttles', () => {
  it('keeps the stage-wide throttle for everything else', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: {
        ThrottlingRateLimit: STAGE_THROTTLE.prod.rateLimit,
        ThrottlingBurstLimit: STAGE_THROTTLE.prod.burstLimit,
      },
    });
  });

  it('gives every points route and every Open311 route a limit of its own, and no other route', () => {
    // Prepare
    const limits = ROUTE_THROTTLES.prod;
    const expected = Object.fromEntries(
      routeList('prod').flatMap((route) => {
        const limit =
          route.spec.context === 'open311'
            ? limits.open311
            : route.spec.context === 'points'
              ? route.method === 'GET'
                ? limits.pointsRead
                : limits.pointsWrite
              : undefined;
        return limit
          ? [[route.key, { throttlingRateLimit: limit.rateLimit, throttlingBurstLimit: limit.burstLimit }]]
          : [];
      }),
    );

    // Act
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));

    // Assess
    expect(Object.keys(expected).some((key) => key.startsWith('GET /open311/v2/'))).toBe(true);
    expect(Object.keys(expected).some((key) => key.includes('/points/'))).toBe(true);
    expect(stage?.Properties.RouteSettings).toEqual(expected);
    for (const limit of Object.values(limits)) {
      expect(limit.rateLimit).toBeLessThan(STAGE_THROTTLE.prod.rateLimit);
      expect(limit.burstLimit).toBeGreaterThanOrEqual(limit.rateLimit);
    }
  });

  it('creates the stage after the routes its settings name', () => {
    // Prepare
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const byKey = new Map(Object.entries(routes).map(([id, r]) => [r.Properties.RouteKey, id]));

    // Act, Assess
    for (const key of Object.keys(stage?.Properties.RouteSettings ?? {}))
      expect(stage?.DependsOn, key).toContain(byKey.get(key));
  });

  it('reserves concurrency for the points Lambda: 100 in prod, none in dev, as -c pointsReservedConcurrency says', () => {
    const reserved = (t: Template) =>
      t.findResources('AWS::Lambda::Function')[functionId(t, 'points')]?.Properties.ReservedConcurrentExecutions;
    expect(reserved(template)).toBe(100);
    expect(reserved(templateOf({}))).toBeUndefined();
    expect(reserved(templateOf({ ...PROD, pointsReservedConcurrency: '250' }))).toBe(250);
    expect(reserved(templateOf({ ...PROD, pointsReservedConcurrency: 'none' }))).toBeUndefined();
    expect(() => templateOf({ ...PROD, pointsReservedConcurrency: '0' })).toThrow(/pointsReservedConcurrency/);
    // Only points is reserved: the rest share the account's pool.
    const others = Object.entries(template.findResources('AWS::Lambda::Function')).filter(
      ([id]) => id !== functionId(template, 'points'),
    );
    for (const [, fn] of others) expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('Background work that fails is kept', () => {
  it('retries an undelivered tick for 4 minutes, then puts it in the schedule’s dead-letter queue', () => {
    const queue = Object.keys(template.findResources('AWS::SQS::Queue')).find((id) =>
      id.startsWith('ScheduledJobsDeadLetters'),
    );
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId(template, 'jobs'), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue, 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 240 },
        }),
      ],
    });
    // EventBridge may write to it, for this rule only.
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('sends a jobs run that crashed to the same queue, without retrying it', () => {
    const queue = Object.keys(template.findResources('AWS::SQS::Queue')).find((id) =>
      id.startsWith('ScheduledJobsDeadLetters'),
    );
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId(template, 'jobs') },
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
  });

  it('sends a stream batch the outbox consumer failed on to the outbox dead-letter queue', () => {
    const queue = Object.keys(template.findResources('AWS::SQS::Queue')).find((id) =>
      id.startsWith('OutboxDeadLetters'),
    );
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(template, 'outbox') },
      MaximumRetryAttempts: 2,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
  });

  it('keeps dead letters 14 days, over TLS only', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(2);
    for (const queue of Object.values(queues)) expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    for (const id of Object.keys(queues)) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('Photos', () => {
  it('keeps versions, and expires a deleted or replaced photo’s old version after 30 days', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'expire-noncurrent-versions',
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            ExpiredObjectDeleteMarker: true,
            Status: 'Enabled',
          }),
        ]),
      },
    });
  });
});
