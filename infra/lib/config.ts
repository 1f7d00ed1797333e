import type { Stage } from '@linli/functions/routes';
import { SUBSCRIPTION_TEMPLATES, type SubscriptionTemplate } from '@linli/shared';
import type { Node } from 'constructs';

/** Stages with a cloud stack; 'local' runs on one machine (`npm start`). */
export type CloudStage = Exclude<Stage, 'local'>;
export const CLOUD_STAGES: readonly CloudStage[] = ['dev', 'prod'];

/** Stands in until `-c wechatAppId=wx…` is given; WeChat sign-in cannot work with it. */
export const PLACEHOLDER_WECHAT_APP_ID = 'wx-app-id-not-configured';

export interface LinliConfig {
  readonly stage: CloudStage;
  readonly wechatAppId: string;
  /** Browser origins of the H5 build; the weapp build needs no CORS. */
  readonly allowedOrigins: readonly string[];
  /** Subscription message template ids from the mini-program's console (订阅消息). */
  readonly templates: Readonly<Record<SubscriptionTemplate, string>>;
}

/**
 * Reads `-c stage=dev|prod`, `-c wechatAppId=…` and `-c allowedOrigins=https://a,https://b`
 * (a list in cdk.json works too). Throws on anything it cannot deploy.
 */
export function readConfig(node: Node): LinliConfig {
  const stage: unknown = node.tryGetContext('stage') ?? 'dev';
  if (stage === 'local') throw new Error("Stage 'local' has no cloud stack: `npm start` runs it on this machine.");
  if (!CLOUD_STAGES.includes(stage as CloudStage)) throw new Error(`stage must be one of ${CLOUD_STAGES.join(', ')}`);

  const wechatAppId: unknown = node.tryGetContext('wechatAppId') ?? PLACEHOLDER_WECHAT_APP_ID;
  if (typeof wechatAppId !== 'string' || !wechatAppId) throw new Error('wechatAppId must be a non-empty string');

  const template = (name: string) => {
    const value: unknown = node.tryGetContext(name) ?? 'template-not-configured';
    if (typeof value !== 'string' || !value) throw new Error(`${name} must be a non-empty string`);
    return value;
  };
  return {
    stage: stage as CloudStage,
    wechatAppId,
    allowedOrigins: origins(node.tryGetContext('allowedOrigins')),
    templates: Object.fromEntries(SUBSCRIPTION_TEMPLATES.map((name) => [name, template(contextKey(name))])) as Record<
      SubscriptionTemplate,
      string
    >,
  };
}

/** `feedback_accepted` → `-c templateFeedbackAccepted=…` */
export function contextKey(template: SubscriptionTemplate): string {
  return `template${template.replace(/(^|_)([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase())}`;
}

function origins(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  const trimmed = list.map((origin) => String(origin).trim()).filter(Boolean);
  for (const origin of trimmed) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new Error(`allowedOrigins: '${origin}' is not an origin`);
  }
  return trimmed;
}
