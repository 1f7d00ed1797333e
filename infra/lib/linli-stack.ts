import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api.js';
import { type LinliConfig, PLACEHOLDER_WECHAT_APP_ID } from './config.js';
import { Monitoring } from './monitoring.js';
import { Outbox } from './outbox.js';
import { PhotoDomain } from './photo-domain.js';
import { ScheduledJobs } from './schedule.js';
import { Secrets } from './secrets.js';
import { Storage } from './storage.js';

export interface LinliStackProps extends StackProps {
  readonly config: LinliConfig;
}

/** The CloudWatch namespace of the app's own metrics (Powertools reads POWERTOOLS_METRICS_NAMESPACE). */
export function metricsNamespace(stage: string): string {
  return `Linli/${stage}`;
}

/**
 * One stage of Linli in the cloud: storage, secrets, the HTTP API, the
 * scheduled jobs, the outbox consumer and the alarms. The region (and so the
 * partition, `aws` or `aws-cn`) comes from the config: `env` is set from it
 * unless the caller gives one.
 */
export class LinliStack extends Stack {
  readonly api: Api;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: LinliStackProps) {
    const { config } = props;
    const { stage, wechatAppId, allowedOrigins, templates } = config;
    super(scope, id, {
      ...props,
      env: props.env ?? { region: config.region, account: config.account },
      tags: { project: 'linli', stage, ...props.tags },
    });

    const storage = new Storage(this, 'Storage', { allowedOrigins, importedTable: config.importedTable });
    const secrets = new Secrets(this, 'Secrets', { stage });
    const photoDomain = config.photoDomain
      ? new PhotoDomain(this, 'PhotoDomain', {
          photos: storage.photos,
          domain: config.photoDomain,
          partition: config.partition,
        })
      : undefined;
    const namespace = metricsNamespace(stage);
    // The contract of functions/src/config.ts; secrets travel as ARNs only.
    const environment = {
      STAGE: stage,
      TABLE_NAME: storage.table.tableName,
      PHOTO_BUCKET: storage.photos.bucketName,
      ...(config.photoDomain ? { PHOTO_PUBLIC_URL: `https://${config.photoDomain.domainName}` } : {}),
      SESSION_KEY_SECRET_ARN: secrets.sessionKey.secretArn,
      WECHAT_SECRET_ARN: secrets.wechatAppSecret.secretArn,
      WECHAT_APP_ID: wechatAppId,
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
      WECHAT_PUSH_SECRET_ARN: secrets.wechatPush.secretArn,
      ...Object.fromEntries(
        Object.entries(templates).map(([name, id]) => [`WECHAT_TEMPLATE_${name.toUpperCase()}`, id]),
      ),
      LOG_LEVEL: stage === 'prod' ? 'INFO' : 'DEBUG',
      POWERTOOLS_METRICS_NAMESPACE: namespace,
    };

    const api = new Api(this, 'Api', {
      stage,
      allowedOrigins,
      environment,
      storage,
      secrets,
      domain: config.apiDomain,
      pointsReservedConcurrency: config.pointsReservedConcurrency,
    });
    this.api = api;
    const jobs = new ScheduledJobs(this, 'ScheduledJobs', { stage, environment, storage, secrets });
    const outbox = new Outbox(this, 'Outbox', { stage, environment, storage, secrets });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage,
      alarmEmail: config.alarmEmail,
      functions: { ...api.functions, jobs: jobs.jobs, outbox: outbox.consumer },
      apiStage: api.stage,
      table: storage.table,
      metricsNamespace: namespace,
      pointsP99Millis: config.pointsP99Millis,
      deadLetterQueues: { schedule: jobs.deadLetters, outbox: outbox.deadLetters },
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    if (api.domainTarget)
      new CfnOutput(this, 'ApiDomainTarget', {
        description: `CNAME ${config.apiDomain?.domainName} to this`,
        value: api.domainTarget,
      });
    if (photoDomain)
      new CfnOutput(this, 'PhotoDomainTarget', {
        description: `CNAME ${config.photoDomain?.domainName} to this`,
        value: photoDomain.distribution.distributionDomainName,
      });
    new CfnOutput(this, 'PhotoBucketHost', {
      description: 'The photo bucket’s own host (what presigned URLs name without a photo domain)',
      value: storage.photos.bucketRegionalDomainName,
    });
    new CfnOutput(this, 'TableName', { value: storage.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'ScheduleDeadLetterQueueUrl', { value: jobs.deadLetters.queueUrl });
    new CfnOutput(this, 'OutboxDeadLetterQueueUrl', { value: outbox.deadLetters.queueUrl });
    new CfnOutput(this, 'WechatAppSecretName', { value: secrets.wechatAppSecretName });
    new CfnOutput(this, 'WechatPushUrl', { value: `${api.url}v1/wechat/events` });
    new CfnOutput(this, 'WechatPushSecretName', { value: secrets.wechatPushName });
    if (wechatAppId === PLACEHOLDER_WECHAT_APP_ID) {
      Annotations.of(this).addWarningV2(
        'linli:wechatAppIdPlaceholder',
        'No WeChat app id: pass -c wechatAppId=wx… or WeChat sign-in will fail',
      );
    }
    if (config.partition === 'aws-cn' && !config.apiDomain) {
      Annotations.of(this).addWarningV2(
        'linli:chinaWithoutApiDomain',
        'In the China regions the execute-api address needs an ICP filing to be reachable: pass -c apiDomain=… -c apiCertificateArn=…',
      );
    }
  }
}
