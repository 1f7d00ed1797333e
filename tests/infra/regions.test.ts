/**
 * The stack is for the region it is told, in that region's partition: the
 * China regions (`aws-cn`) as well as the global ones. Nothing is pinned to
 * us-east-1 by default, and no ARN is written for the wrong partition.
 */
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/lib/config.js';
import { buildStack, cdkContext, WECHAT_APP_ID } from './build.js';

const PROD = { stage: 'prod', wechatAppId: WECHAT_APP_ID };

/**
 * Every ARN the template spells out, as its literal start: `arn:aws-cn:…`, or
 * `arn:` + `{ Ref: AWS::Partition }` (written `arn:${AWS::Partition}`) when CDK
 * leaves the partition to CloudFormation.
 */
function arnStarts(value: unknown): string[] {
  if (typeof value === 'string') return /^arn:/.test(value) ? [value] : [];
  if (Array.isArray(value)) {
    const own = value.flatMap((item, i) => (item === 'arn:' ? [`arn:\${${JSON.stringify(value[i + 1])}}`] : []));
    return [...own, ...value.filter((item) => item !== 'arn:').flatMap(arnStarts)];
  }
  if (value && typeof value === 'object') return Object.values(value).flatMap(arnStarts);
  return [];
}
const PARTITION_REF = `arn:\${${JSON.stringify({ Ref: 'AWS::Partition' })}}`;

/** The service principals the template trusts (roles, permissions, queue policies). */
function principals(template: Template): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key?: string) => {
    if (key === 'Service' || key === 'Principal') {
      for (const p of ([] as unknown[]).concat(value)) if (typeof p === 'string' && p.includes('.')) found.add(p);
    }
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(template.toJSON());
  return [...found].sort();
}

describe('The region is explicit', () => {
  it('refuses to synthesise without one, saying how to give it', () => {
    // Prepare
    const app = new App({ context: { ...cdkContext, stage: 'prod' } });

    // Act, Assess
    expect(() => readConfig(app.node, {})).toThrow(/-c region=.*CDK_DEFAULT_REGION/);
  });

  it('takes -c region and -c account, or CDK_DEFAULT_REGION and CDK_DEFAULT_ACCOUNT', () => {
    // Prepare
    const fromContext = new App({ context: { region: 'cn-northwest-1', account: '123456789012' } });
    const fromEnv = new App({ context: {} });
    const env = { CDK_DEFAULT_REGION: 'eu-west-1', CDK_DEFAULT_ACCOUNT: '210987654321' };

    // Act
    const a = readConfig(fromContext.node, env);
    const b = readConfig(fromEnv.node, env);

    // Assess
    expect([a.region, a.partition, a.account]).toEqual(['cn-northwest-1', 'aws-cn', '123456789012']);
    expect([b.region, b.partition, b.account]).toEqual(['eu-west-1', 'aws', '210987654321']);
  });

  it('refuses the CDK CLI’s guess: us-east-1 in CDK_DEFAULT_REGION when nothing named a region', () => {
    // Prepare
    const node = () => new App({ context: {} }).node;

    // Act, Assess
    expect(() => readConfig(node(), { CDK_DEFAULT_REGION: 'us-east-1' })).toThrow(/-c region=/);
    expect(readConfig(node(), { CDK_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1' }).region).toBe('us-east-1');
    expect(readConfig(node(), { CDK_DEFAULT_REGION: 'us-east-1', AWS_PROFILE: 'linli' }).region).toBe('us-east-1');
    expect(readConfig(new App({ context: { region: 'us-east-1' } }).node, {}).region).toBe('us-east-1');
  });

  it('refuses a region or account that is not one', () => {
    expect(() => readConfig(new App({ context: { region: 'china' } }).node, {})).toThrow(/region/);
    expect(() => readConfig(new App({ context: { region: 'cn-north-1', account: '12345' } }).node, {})).toThrow(
      /account/,
    );
  });

  it('builds the stack for that region and account, not for us-east-1', () => {
    // Act
    const stack = buildStack({ ...PROD, region: 'ap-east-1', account: '123456789012' });

    // Assess
    expect(stack.region).toBe('ap-east-1');
    expect(stack.account).toBe('123456789012');
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('us-east-1');
  });
});

describe.each([
  ['cn-north-1', 'aws-cn'],
  ['cn-northwest-1', 'aws-cn'],
  ['ap-east-1', 'aws'],
  ['eu-west-1', 'aws'],
])('In %s (partition %s)', (region, partition) => {
  const stack = buildStack({ ...PROD, region });
  const template = Template.fromStack(stack);

  it('writes every ARN for its own partition, or for the partition CloudFormation deploys it in', () => {
    // Act
    const arns = arnStarts(template.toJSON());

    // Assess: the execute-api ARNs at least are literals (partition literals are on in cdk.json)
    expect(arns.some((arn) => arn.startsWith(`arn:${partition}:`))).toBe(true);
    for (const arn of arns) expect(arn === PARTITION_REF || arn.startsWith(`arn:${partition}:`), arn).toBe(true);
    if (partition === 'aws-cn') expect(JSON.stringify(template.toJSON())).not.toContain('arn:aws:');
  });

  it('trusts the service principals CDK knows for the partition', () => {
    // Act
    const found = principals(template);

    // Assess: Lambda, EventBridge (the schedule and its DLQ) and API Gateway (invoke permissions)
    expect(found).toEqual(
      expect.arrayContaining(['apigateway.amazonaws.com', 'events.amazonaws.com', 'lambda.amazonaws.com']),
    );
    for (const principal of found) expect(principal).toMatch(/^[a-z0-9-]+\.amazonaws\.com(\.cn)?$/);
  });

  it('names its region in the API URL, under the partition’s URL suffix', () => {
    // Act
    const output = template.findOutputs('ApiUrl').ApiUrl;

    // Assess: CloudFormation fills AWS::URLSuffix (amazonaws.com.cn in China)
    expect(output?.Value).toEqual({
      'Fn::Join': ['', ['https://', expect.anything(), `.execute-api.${region}.`, { Ref: 'AWS::URLSuffix' }, '/']],
    });
  });

  it('builds every resource of the stack', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.resourceCountIs('AWS::Lambda::Function', 10);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.resourceCountIs('AWS::SNS::Topic', 1);
  });

  it(
    partition === 'aws-cn'
      ? 'warns that the execute-api address needs an ICP filing without a custom domain'
      : 'does not warn about ICP filing',
    () => {
      const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('ICP'));
      expect(warnings.length).toBe(partition === 'aws-cn' ? 1 : 0);
    },
  );
});
