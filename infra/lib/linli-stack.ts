import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api.js';
import { type LinliConfig, PLACEHOLDER_WECHAT_APP_ID } from './config.js';
import { Outbox } from './outbox.js';
import { ScheduledJobs } from './schedule.js';
import { Secrets } from './secrets.js';
import { Storage } from './storage.js';

export interface LinliStackProps extends StackProps {
  readonly config: LinliConfig;
}

/** One stage of Linli in the cloud: storage, secrets, the HTTP API and the scheduled jobs. */
export class LinliStack extends Stack {
  constructor(scope: Construct, id: string, props: LinliStackProps) {
    const { stage, wechatAppId, allowedOrigins, templates } = props.config;
    super(scope, id, { ...props, tags: { project: 'linli', stage, ...props.tags } });

    const storage = new Storage(this, 'Storage', { allowedOrigins });
    const secrets = new Secrets(this, 'Secrets', { stage });
    // The contract of functions/src/config.ts; secrets travel as ARNs only.
    const environment = {
      STAGE: stage,
      TABLE_NAME: storage.table.tableName,
      PHOTO_BUCKET: storage.photos.bucketName,
      SESSION_KEY_SECRET_ARN: secrets.sessionKey.secretArn,
      WECHAT_SECRET_ARN: secrets.wechatAppSecret.secretArn,
      WECHAT_APP_ID: wechatAppId,
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
      WECHAT_PUSH_SECRET_ARN: secrets.wechatPush.secretArn,
      ...Object.fromEntries(
        Object.entries(templates).map(([name, id]) => [`WECHAT_TEMPLATE_${name.toUpperCase()}`, id]),
      ),
      LOG_LEVEL: stage === 'prod' ? 'INFO' : 'DEBUG',
    };

    const api = new Api(this, 'Api', { stage, allowedOrigins, environment, storage, secrets });
    new ScheduledJobs(this, 'ScheduledJobs', { environment, storage, secrets });
    new Outbox(this, 'Outbox', { environment, storage, secrets });

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'WechatAppSecretName', { value: secrets.wechatAppSecretName });
    new CfnOutput(this, 'WechatPushUrl', { value: `${api.url}v1/wechat/events` });
    new CfnOutput(this, 'WechatPushSecretName', { value: secrets.wechatPushName });
    if (wechatAppId === PLACEHOLDER_WECHAT_APP_ID) {
      Annotations.of(this).addWarningV2(
        'linli:wechatAppIdPlaceholder',
        'No WeChat app id: pass -c wechatAppId=wx… or WeChat sign-in will fail',
      );
    }
  }
}
