/**
 * Deploy-time options: the operator's own (ICP-filed) domains for the API and
 * the photo store, and switching the stack to a table restored from a
 * point-in-time backup.
 */
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/lib/config.js';
import { WORKERS } from '../../infra/lib/permissions.js';
import { functionId, grantsOf, templateOf, WECHAT_APP_ID } from './build.js';

const PROD = { stage: 'prod', wechatAppId: WECHAT_APP_ID };
const CN_API_CERT = 'arn:aws-cn:acm:cn-north-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const HK_API_CERT = 'arn:aws:acm:ap-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const GLOBAL_CDN_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';
const IAM_CERT_ID = 'ASCAEXAMPLE1234567890';

const config = (context: Record<string, unknown>) =>
  readConfig(new App({ context: { region: 'cn-north-1', ...context } }).node, {});

describe('The API on its own domain', () => {
  it.each([
    ['cn-north-1', CN_API_CERT],
    ['ap-east-1', HK_API_CERT],
  ])('in %s: maps the default stage to the domain with the certificate, and says where DNS points', (region, cert) => {
    // Act
    const template = templateOf({ ...PROD, region, apiDomain: 'api.linli.example.cn', apiCertificateArn: cert });

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.linli.example.cn',
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: cert, EndpointType: 'REGIONAL' })],
    });
    const [api] = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'));
    const [domain] = Object.keys(template.findResources('AWS::ApiGatewayV2::DomainName'));
    const [mapping] = Object.values(template.findResources('AWS::ApiGatewayV2::ApiMapping'));
    expect(mapping?.Properties).toMatchObject({ ApiId: { Ref: api }, DomainName: { Ref: domain } });
    expect(JSON.stringify(mapping?.Properties.Stage)).toMatch(/\$default|DefaultStage/);
    template.hasOutput('ApiUrl', { Value: 'https://api.linli.example.cn/' });
    template.hasOutput('WechatPushUrl', { Value: 'https://api.linli.example.cn/v1/wechat/events' });
    template.hasOutput('ApiDomainTarget', {
      Value: { 'Fn::GetAtt': [Match.anyValue(), 'RegionalDomainName'] },
    });
  });

  it('has no domain, and the execute-api URL, without one', () => {
    const template = templateOf(PROD);
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    expect(template.findOutputs('ApiDomainTarget')).toEqual({});
  });

  it('refuses half a domain, a certificate from another region or partition, or a URL for a domain', () => {
    expect(() => config({ apiDomain: 'api.linli.example.cn' })).toThrow(/apiCertificateArn/);
    expect(() => config({ apiDomain: 'api.linli.example.cn', apiCertificateArn: HK_API_CERT })).toThrow(/cn-north-1/);
    expect(() => config({ apiDomain: 'https://api.linli.example.cn', apiCertificateArn: CN_API_CERT })).toThrow(
      /not a domain name/,
    );
  });
});

describe('The photo store on its own domain', () => {
  const distribution = (template: Template) => {
    const [found] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    return found?.Properties.DistributionConfig;
  };

  it('in a global region: CloudFront with the us-east-1 ACM certificate, passing signed requests to the bucket', () => {
    // Act
    const template = templateOf({
      ...PROD,
      region: 'eu-west-1',
      photoDomain: 'photos.linli.example.cn',
      photoCertificateArn: GLOBAL_CDN_CERT,
    });
    const config = distribution(template);

    // Assess
    expect(config.Aliases).toEqual(['photos.linli.example.cn']);
    expect(config.ViewerCertificate).toMatchObject({
      AcmCertificateArn: GLOBAL_CDN_CERT,
      SslSupportMethod: 'sni-only',
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'POST']),
    });
    // No origin access identity or control: the presigned signature is the request's authority.
    expect(config.Origins[0].S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(config.Origins[0].OriginAccessControlId).toBeUndefined();
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ DefaultTTL: 0, MaxTTL: 0, MinTTL: 0 }),
    });
    template.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: Match.not(Match.arrayWith(['Host'])) },
      }),
    });
    template.hasOutput('PhotoDomainTarget', {});
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PHOTO_PUBLIC_URL: 'https://photos.linli.example.cn' }) },
    });
  });

  it('in China: the alternate domain with an IAM server certificate (CloudFront there takes no ACM one)', () => {
    // Act
    const template = templateOf({
      ...PROD,
      photoDomain: 'photos.linli.example.cn',
      photoIamCertificateId: IAM_CERT_ID,
    });
    const config = distribution(template);

    // Assess
    expect(config.Aliases).toEqual(['photos.linli.example.cn']);
    expect(config.ViewerCertificate).toEqual({
      IamCertificateId: IAM_CERT_ID,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    expect(config.IPV6Enabled).toBe(false);
    expect(JSON.stringify(template.toJSON())).not.toContain('arn:aws:');
  });

  it('refuses the wrong kind of certificate for the partition', () => {
    expect(() => config({ photoDomain: 'photos.linli.example.cn', photoCertificateArn: GLOBAL_CDN_CERT })).toThrow(
      /photoIamCertificateId/,
    );
    expect(() =>
      config({
        region: 'eu-west-1',
        photoDomain: 'photos.linli.example.cn',
        photoCertificateArn: HK_API_CERT.replace('ap-east-1', 'eu-west-1'),
      }),
    ).toThrow(/us-east-1/);
    expect(() => config({ photoIamCertificateId: IAM_CERT_ID })).toThrow(/photoDomain/);
  });

  it('has no distribution without a photo domain', () => {
    templateOf(PROD).resourceCountIs('AWS::CloudFront::Distribution', 0);
  });
});

describe('Switching to a restored table (-c tableName, -c tableStreamArn)', () => {
  const tableName = 'linli-prod-restored-20260301';
  const tableStreamArn = `arn:aws-cn:dynamodb:cn-north-1:123456789012:table/${tableName}/stream/2026-03-01T09:00:00.000`;

  it('builds no table of its own and points every Lambda, grant, stream and alarm at the restored one', () => {
    // Act
    const template = templateOf({ ...PROD, account: '123456789012', tableName, tableStreamArn });
    const tableArn = `arn:aws-cn:dynamodb:cn-north-1:123456789012:table/${tableName}`;

    // Assess
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TABLE_NAME: tableName }) },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: tableStreamArn });
    for (const worker of WORKERS.filter((w) => w !== 'system')) {
      const [query] = grantsOf(template, functionId(template, worker), 'dynamodb:Query');
      expect(JSON.stringify(query?.Resource), worker).toContain(`table/${tableName}`);
    }
    const [put] = grantsOf(template, functionId(template, 'points'), 'dynamodb:PutItem');
    expect(JSON.stringify(put?.Resource)).toContain(tableArn.split(':table/')[1] as string);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'linli-prod-table-throttles',
      Metrics: Match.arrayWith([
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ Dimensions: Match.arrayWith([{ Name: 'TableName', Value: tableName }]) }),
          }),
        }),
      ]),
    });
    template.hasOutput('TableName', { Value: tableName });
  });

  it('outputs the name of the table it built, for the runbook', () => {
    templateOf(PROD).hasOutput('TableName', { Value: { Ref: Match.stringLikeRegexp('^StorageTable') } });
  });

  it('refuses a table without its stream, or a stream of another table or region', () => {
    expect(() => config({ tableName })).toThrow(/tableStreamArn/);
    expect(() => config({ tableName, tableStreamArn: tableStreamArn.replace(tableName, 'other') })).toThrow(
      /stream of table/,
    );
    expect(() => config({ tableName, tableStreamArn: tableStreamArn.replace('cn-north-1', 'cn-northwest-1') })).toThrow(
      /stream of table/,
    );
  });
});
