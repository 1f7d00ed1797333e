import { tableDefinition } from '@linli/functions/data/table-definition';
import { CONTEXTS, routeList } from '@linli/functions/routes';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_WECHAT_APP_ID, readConfig } from '../../infra/lib/config.js';
import type { LinliStack } from '../../infra/lib/linli-stack.js';
import { actionsOf, buildStack, functionId, WECHAT_APP_ID } from './build.js';

const H5_ORIGIN = 'https://h5.linli.example';

type Resource = { Properties: Record<string, unknown> & { Environment?: { Variables: Record<string, unknown> } } };

function routeKeys(template: Template): string[] {
  return Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey);
}

let stack: LinliStack;
let template: Template;
let functions: Resource[];

beforeAll(() => {
  // Bundles every Lambda with esbuild: build once for the whole file.
  stack = buildStack({ stage: 'prod', wechatAppId: WECHAT_APP_ID, allowedOrigins: H5_ORIGIN }, { bundle: true });
  template = Template.fromStack(stack);
  functions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
});

describe('The prod HTTP API serves exactly the routes of the route table', () => {
  it('has one route per prod entry of routes.ts, wired to its context Lambda', () => {
    // Prepare
    const expected = routeList('prod');
    const integrationOf = new Map(
      Object.entries(template.findResources('AWS::ApiGatewayV2::Integration')).map(([id, integration]) => [
        JSON.stringify(integration.Properties.IntegrationUri),
        id,
      ]),
    );

    // Act
    const keys = routeKeys(template);

    // Assess
    expect(keys.sort()).toEqual(expected.map((route) => route.key).sort());
    for (const route of expected) {
      const lambdaArn = { 'Fn::GetAtt': [functionId(template, route.spec.context), 'Arn'] };
      const integrationId = integrationOf.get(JSON.stringify(lambdaArn));
      expect(integrationId, route.key).toBeDefined();
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: route.key,
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
      });
    }
  });

  it('leaves out the local-only dev sign-in routes', () => {
    // Prepare
    const localOnly = routeList().filter((route) => route.spec.stages && !route.spec.stages.includes('prod'));

    // Act
    const keys = routeKeys(template);

    // Assess
    expect(localOnly.map((route) => route.key)).toContain('POST /v1/auth/dev');
    for (const route of localOnly) expect(keys).not.toContain(route.key);
  });

  it('answers CORS preflights from the H5 origin with the headers and methods the client uses', () => {
    // Prepare
    const methods = [...new Set(routeList('prod').map((route) => route.method))].sort();

    // Act
    const [api] = Object.values(template.findResources('AWS::ApiGatewayV2::Api'));
    const cors = api?.Properties.CorsConfiguration;

    // Assess
    expect(cors.AllowOrigins).toEqual([H5_ORIGIN]);
    expect(cors.AllowHeaders).toEqual(expect.arrayContaining(['Authorization', 'Content-Type', 'Idempotency-Key']));
    expect([...cors.AllowMethods].sort()).toEqual(methods);
  });

  it('throttles the default stage and outputs the API URL', () => {
    // Prepare, Act
    const stages = template.findResources('AWS::ApiGatewayV2::Stage', { Properties: { StageName: '$default' } });

    // Assess
    expect(Object.keys(stages)).toHaveLength(1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
    template.hasOutput('ApiUrl', {});
  });
});

describe('Each bounded context runs in its own Lambda, plus the scheduled jobs and the outbox consumer', () => {
  it('builds one Node 22 arm64 function per context, one for jobs and one for the outbox', () => {
    // Prepare
    const expected = [...CONTEXTS, 'jobs', 'outbox'].map((name) => `linli-${name}`).sort();

    // Act
    const services = functions.map((fn) => fn.Properties.Environment?.Variables.POWERTOOLS_SERVICE_NAME);

    // Assess
    expect(services.sort()).toEqual(expected);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
    }
  });

  it('gives every function the configuration functions/src/config.ts reads', () => {
    // Prepare, Act
    const variables = functions.map((fn) => fn.Properties.Environment?.Variables);

    // Assess
    for (const env of variables) {
      expect(env).toMatchObject({
        STAGE: 'prod',
        TABLE_NAME: { Ref: expect.any(String) },
        PHOTO_BUCKET: { Ref: expect.any(String) },
        WECHAT_APP_ID: WECHAT_APP_ID,
        WECHAT_API_BASE: 'https://api.weixin.qq.com',
        LOG_LEVEL: 'INFO',
      });
    }
  });

  it('lets every function that keeps data query and write the table; only communities write photos', () => {
    // Prepare: the whole grant, role by role, is in permissions.test.ts
    const keepsData = [...CONTEXTS.filter((context) => context !== 'system'), 'jobs', 'outbox'];

    // Act
    const granted = Object.fromEntries(
      [...CONTEXTS, 'jobs', 'outbox'].map((name) => [name, actionsOf(template, functionId(template, name))]),
    );

    // Assess
    for (const name of keepsData) {
      expect(granted[name], name).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem']));
      expect(granted[name], name).toContain('secretsmanager:GetSecretValue');
    }
    // Health and the OpenAPI document read nothing.
    expect(granted.system?.filter((action) => !action.startsWith('xray:'))).toEqual([]);
    for (const [name, actions] of Object.entries(granted)) {
      expect(actions.includes('s3:PutObject'), name).toBe(name === 'communities');
    }
    // WeChat downloads photos to check through presigned GETs these sign; they never write photos.
    for (const name of ['jobs', 'outbox']) expect(granted[name]).toContain('s3:GetObject');
  });
});

describe('The outbox consumer reads the table’s stream', () => {
  it('gets new outbox items and the roll-ups’ changes only, in batches that never block the shard', () => {
    // Prepare
    const outbox = functionId(template, 'outbox');
    // Act
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    // Assess
    expect(mappings).toHaveLength(1);
    const kinds = { kind: { S: ['report', 'ledger', 'household'] } };
    expect(mappings[0]?.Properties).toMatchObject({
      FunctionName: { Ref: outbox },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { outbox: { S: [{ exists: true }] } } },
            }),
          },
          { Pattern: JSON.stringify({ dynamodb: { NewImage: kinds } }) },
          { Pattern: JSON.stringify({ dynamodb: { OldImage: kinds } }) },
          { Pattern: JSON.stringify({ dynamodb: { Keys: { sk: { S: ['BULLETIN'] } } } }) },
        ],
      },
    });
    const [table] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'));
    // The roll-ups take a change's difference: old and new images.
    expect(table?.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('gives WeChat a push URL and the message-push secret, generated at deploy', () => {
    template.hasOutput('WechatPushUrl', {});
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'linli/prod/wechat-push',
      GenerateSecretString: { GenerateStringKey: 'encodingAesKey', PasswordLength: 43, ExcludePunctuation: true },
    });
  });
});

describe('Secrets reach the functions as ARNs, never as values', () => {
  it('passes every secret ARN and no secret value in any environment', () => {
    // Prepare
    const secretIds = Object.keys(template.findResources('AWS::SecretsManager::Secret'));

    // Act
    const variables = functions.map((fn) => fn.Properties.Environment?.Variables ?? {});

    // Assess
    expect(secretIds).toHaveLength(3);
    for (const env of variables) {
      expect(secretIds).toContain((env.SESSION_KEY_SECRET_ARN as { Ref: string }).Ref);
      expect(secretIds).toContain((env.WECHAT_SECRET_ARN as { Ref: string }).Ref);
      expect(secretIds).toContain((env.WECHAT_PUSH_SECRET_ARN as { Ref: string }).Ref);
      expect(env).not.toHaveProperty('SESSION_KEY');
      expect(env).not.toHaveProperty('WECHAT_APP_SECRET');
      expect(env).not.toHaveProperty('WECHAT_PUSH_SECRET');
      for (const value of Object.values(env)) {
        if (typeof value === 'string')
          expect(value, 'a literal that looks like a key').not.toMatch(/^[A-Za-z0-9+/=]{32,}$/);
      }
    }
  });

  it('generates the session key and keeps the WeChat secret out of the template', () => {
    // Prepare, Act
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));

    // Assess
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'linli/prod/session-key',
      GenerateSecretString: { PasswordLength: Match.anyValue(), ExcludePunctuation: true },
    });
    const sessionKey = secrets.find((secret) => secret.Properties.Name === 'linli/prod/session-key');
    expect(sessionKey?.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(48);
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'linli/prod/wechat-app-secret' });
    for (const secret of secrets) expect(secret.Properties).not.toHaveProperty('SecretString');
  });
});

describe('The one DynamoDB table keeps the data safe', () => {
  it('is on-demand, recoverable, protected from deletion and expires items by TTL', () => {
    // Prepare, Act
    const tables = template.findResources('AWS::DynamoDB::GlobalTable');

    // Assess
    expect(Object.keys(tables)).toHaveLength(1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      },
    });
  });

  it('has every GSI of the table definition, projecting all attributes', () => {
    // Prepare
    const expected = tableDefinition.globalIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));

    // Act
    const [table] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'));

    // Assess
    expect(expected.map((i) => i.IndexName)).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5']);
    expect(table?.Properties.GlobalSecondaryIndexes).toEqual(expected);
  });
});

describe('The photo bucket is private and cleans up after itself', () => {
  it('blocks all public access, refuses plain HTTP and is retained', () => {
    // Prepare, Act, Assess
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('accepts presigned POST uploads from the H5 origin', () => {
    // Prepare, Act, Assess
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({ AllowedOrigins: [H5_ORIGIN], AllowedMethods: Match.arrayWith(['POST', 'GET']) }),
        ],
      },
    });
  });

  it('aborts stale uploads, moves old photos to IA and expires uploads nothing used', () => {
    // Prepare, Act, Assess
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
          Match.objectLike({
            Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }],
            Status: 'Enabled',
          }),
          Match.objectLike({
            Id: 'expire-unattached',
            TagFilters: [{ Key: 'linli-attached', Value: 'no' }],
            ExpirationInDays: 2,
            Status: 'Enabled',
          }),
        ]),
      },
    });
  });

  it('expires exactly what an upload is tagged with: the rule applies to every upload ticket the API signs', async () => {
    // Prepare: the rule as synthesized, and a real upload ticket from the photo store client.
    const { S3Client } = await import('@aws-sdk/client-s3');
    const { createPhotoStore } = await import('../../functions/src/clients/photo-store.js');
    const store = createPhotoStore({
      bucket: 'linli-photos',
      s3: new S3Client({ region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
    });
    const rules = Object.values(template.findResources('AWS::S3::Bucket')).flatMap(
      (b) =>
        (b as { Properties: { LifecycleConfiguration?: { Rules: Record<string, unknown>[] } } }).Properties
          .LifecycleConfiguration?.Rules ?? [],
    );
    const rule = rules.find((r) => r.Id === 'expire-unattached') as { TagFilters: { Key: string; Value: string }[] };
    // Act
    const ticket = await store.presignUpload({
      key: 'photos/chunhui/feedback/2026-12/x.jpg',
      contentType: 'image/jpeg',
      maxBytes: 1000,
    });
    // Assess: the ticket makes S3 store the rule's tag with the upload, and the signed policy holds it to that.
    const [filter] = rule.TagFilters;
    expect(ticket.fields.tagging).toBe(
      `<Tagging><TagSet><Tag><Key>${filter?.Key}</Key><Value>${filter?.Value}</Value></Tag></TagSet></Tagging>`,
    );
    const policy = JSON.parse(Buffer.from(ticket.fields.Policy ?? '', 'base64').toString());
    expect(policy.conditions).toContainEqual({ tagging: ticket.fields.tagging });
  });
});

describe('The sweeps of later issues run on a schedule', () => {
  it('wakes the jobs Lambda every 5 minutes', () => {
    // Prepare
    const jobs = functionId(template, 'jobs');

    // Act, Assess
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [jobs, 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [jobs, 'Arn'] },
    });
  });
});

describe('Stages and tags', () => {
  it('tags the stack with project and stage', () => {
    // Prepare, Act
    const tags = stack.tags.tagValues();

    // Assess
    expect(tags).toEqual({ project: 'linli', stage: 'prod' });
  });

  it('refuses the local stage, which has no cloud stack', () => {
    // Prepare
    const app = new App({ context: { stage: 'local' } });

    // Act, Assess
    expect(() => readConfig(app.node)).toThrow(/local/);
  });

  it('defaults to dev with a placeholder app id, no CORS and no dev sign-in routes', () => {
    // Prepare: skip bundling, this stack is only read
    const devStack = buildStack({});

    // Act
    const dev = Template.fromStack(devStack);

    // Assess
    expect(devStack.stackName).toBe('LinliStack-dev');
    expect(routeKeys(dev).sort()).toEqual(
      routeList('dev')
        .map((route) => route.key)
        .sort(),
    );
    expect(routeKeys(dev)).not.toContain('POST /v1/auth/dev');
    dev.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    dev.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ STAGE: 'dev', WECHAT_APP_ID: PLACEHOLDER_WECHAT_APP_ID }) },
    });
    Annotations.fromStack(devStack).hasWarning('*', Match.stringLikeRegexp('wechatAppId'));
  });
});
