import type { Stage } from '@linli/functions/routes';
import { SUBSCRIPTION_TEMPLATES, type SubscriptionTemplate } from '@linli/shared';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Node } from 'constructs';

/** Stages with a cloud stack; 'local' runs on one machine (`npm start`). */
export type CloudStage = Exclude<Stage, 'local'>;
export const CLOUD_STAGES: readonly CloudStage[] = ['dev', 'prod'];

/** Stands in until `-c wechatAppId=wx…` is given; WeChat sign-in cannot work with it. */
export const PLACEHOLDER_WECHAT_APP_ID = 'wx-app-id-not-configured';

/** Reserved concurrency of the points Lambda unless `-c pointsReservedConcurrency=…` says otherwise. */
export const DEFAULT_POINTS_RESERVED_CONCURRENCY: Readonly<Record<CloudStage, number | undefined>> = {
  // Exchange day must not be starved by the rest, nor starve the rest: 100 of an account's default 1,000.
  prod: 100,
  // New accounts may have a concurrency quota of 10, below which nothing can be reserved.
  dev: undefined,
};

/** The p99 duration of the points Lambda that raises an alarm, unless `-c pointsP99Millis=…`. */
export const DEFAULT_POINTS_P99_MILLIS = 2000;

export interface LinliConfig {
  readonly stage: CloudStage;
  /** The AWS region the stack is for (`-c region=` or CDK_DEFAULT_REGION); it also fixes the partition. */
  readonly region: string;
  /** `aws` or `aws-cn` (cn-north-1, cn-northwest-1). */
  readonly partition: string;
  /** The AWS account (`-c account=` or CDK_DEFAULT_ACCOUNT); without it the template is account-agnostic. */
  readonly account?: string;
  readonly wechatAppId: string;
  /** Browser origins of the H5 build; the weapp build needs no CORS. */
  readonly allowedOrigins: readonly string[];
  /** Subscription message template ids from the mini-program's console (订阅消息). */
  readonly templates: Readonly<Record<SubscriptionTemplate, string>>;
  /** The API's own (ICP-filed) domain and its certificate in ACM, same region as the stack. */
  readonly apiDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * The photo store's own (ICP-filed) domain, served by CloudFront: an ACM certificate in us-east-1
   * (global partition) or an IAM server certificate id (China, where CloudFront takes no ACM certificate).
   */
  readonly photoDomain?: {
    readonly domainName: string;
    readonly certificateArn?: string;
    readonly iamCertificateId?: string;
  };
  /** Who the alarm topic mails, if anyone. */
  readonly alarmEmail?: string;
  /** Reserved concurrency of the points Lambda; undefined reserves none. */
  readonly pointsReservedConcurrency?: number;
  readonly pointsP99Millis: number;
  /** An existing table the stack uses instead of its own (a point-in-time restore; see the README's runbook). */
  readonly importedTable?: { readonly tableName: string; readonly tableStreamArn: string };
}

/** Every `-c` parameter `readConfig` reads (the README names each). */
export const CONTEXT_KEYS = [
  'stage',
  'region',
  'account',
  'wechatAppId',
  'allowedOrigins',
  ...SUBSCRIPTION_TEMPLATES.map(contextKey),
  'apiDomain',
  'apiCertificateArn',
  'photoDomain',
  'photoCertificateArn',
  'photoIamCertificateId',
  'alarmEmail',
  'pointsReservedConcurrency',
  'pointsP99Millis',
  'tableName',
  'tableStreamArn',
] as const;

/**
 * Reads the `-c key=value` context parameters (CONTEXT_KEYS; a list in cdk.json works for
 * allowedOrigins too). Throws on anything it cannot deploy.
 */
export function readConfig(node: Node, env: NodeJS.ProcessEnv = process.env): LinliConfig {
  const stage: unknown = node.tryGetContext('stage') ?? 'dev';
  if (stage === 'local') throw new Error("Stage 'local' has no cloud stack: `npm start` runs it on this machine.");
  if (!CLOUD_STAGES.includes(stage as CloudStage)) throw new Error(`stage must be one of ${CLOUD_STAGES.join(', ')}`);
  const cloudStage = stage as CloudStage;

  const text = (name: string, fallback?: string): string | undefined => {
    const value: unknown = node.tryGetContext(name) ?? fallback;
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`${name} must be a string`);
    return value.trim();
  };

  const region = text('region', chosenRegion(env));
  if (!region)
    throw new Error(
      'No region: pass -c region=cn-north-1 (or another AWS region), or set CDK_DEFAULT_REGION (or AWS_REGION, for the CDK CLI)',
    );
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(region)) throw new Error(`region: '${region}' is not a region`);
  const partition = RegionInfo.get(region).partition;
  if (!partition) throw new Error(`region: '${region}' is not a region this CDK version knows`);

  const account = text('account', env.CDK_DEFAULT_ACCOUNT);
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new Error('account must be 12 digits');

  const wechatAppId: unknown = node.tryGetContext('wechatAppId') ?? PLACEHOLDER_WECHAT_APP_ID;
  if (typeof wechatAppId !== 'string' || !wechatAppId) throw new Error('wechatAppId must be a non-empty string');

  const template = (name: string) => {
    const value: unknown = node.tryGetContext(name) ?? 'template-not-configured';
    if (typeof value !== 'string' || !value) throw new Error(`${name} must be a non-empty string`);
    return value;
  };

  return {
    stage: cloudStage,
    region,
    partition,
    account,
    wechatAppId,
    allowedOrigins: origins(node.tryGetContext('allowedOrigins')),
    templates: Object.fromEntries(SUBSCRIPTION_TEMPLATES.map((name) => [name, template(contextKey(name))])) as Record<
      SubscriptionTemplate,
      string
    >,
    apiDomain: apiDomain(text('apiDomain'), text('apiCertificateArn'), region, partition),
    photoDomain: photoDomain(
      text('photoDomain'),
      text('photoCertificateArn'),
      text('photoIamCertificateId'),
      partition,
    ),
    alarmEmail: email(text('alarmEmail')),
    pointsReservedConcurrency: concurrency(
      node.tryGetContext('pointsReservedConcurrency'),
      DEFAULT_POINTS_RESERVED_CONCURRENCY[cloudStage],
    ),
    pointsP99Millis:
      positiveInteger('pointsP99Millis', node.tryGetContext('pointsP99Millis')) ?? DEFAULT_POINTS_P99_MILLIS,
    importedTable: importedTable(text('tableName'), text('tableStreamArn'), region, partition),
  };
}

/** Variables by which a person (or a CI job) says which region; the CDK CLI derives CDK_DEFAULT_REGION from them. */
const REGION_CHOICES = [
  'AWS_REGION',
  'AMAZON_REGION',
  'AWS_DEFAULT_REGION',
  'AMAZON_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
];

/**
 * CDK_DEFAULT_REGION, unless it is the CDK CLI's guess: the CLI always sets it,
 * and when nothing names a region it says us-east-1. That guess is refused, so
 * a template is never built for a region nobody chose. (A default profile whose
 * region is us-east-1 then needs `-c region=us-east-1`.)
 */
function chosenRegion(env: NodeJS.ProcessEnv): string | undefined {
  const region = env.CDK_DEFAULT_REGION;
  if (region === 'us-east-1' && !REGION_CHOICES.some((name) => env[name])) return undefined;
  return region || undefined;
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

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function host(name: string, value: string): string {
  if (!HOST.test(value)) throw new Error(`${name}: '${value}' is not a domain name (no scheme, port or path)`);
  return value;
}

/** The parts of an ARN; throws unless it is one. */
function arnParts(name: string, arn: string) {
  const [prefix, partition, service, region, account, ...resource] = arn.split(':');
  if (prefix !== 'arn' || !partition || !service || resource.length === 0) throw new Error(`${name}: not an ARN`);
  return { partition, service, region, account, resource: resource.join(':') };
}

function apiDomain(
  domainName: string | undefined,
  certificateArn: string | undefined,
  region: string,
  partition: string,
) {
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn) throw new Error('apiDomain and apiCertificateArn go together');
  const cert = arnParts('apiCertificateArn', certificateArn);
  if (cert.service !== 'acm' || cert.partition !== partition || cert.region !== region)
    throw new Error(`apiCertificateArn must be an ACM certificate in ${region} (partition ${partition})`);
  return { domainName: host('apiDomain', domainName), certificateArn };
}

function photoDomain(
  domainName: string | undefined,
  certificateArn: string | undefined,
  iamCertificateId: string | undefined,
  partition: string,
) {
  if (!domainName && !certificateArn && !iamCertificateId) return undefined;
  if (!domainName) throw new Error('photoCertificateArn / photoIamCertificateId need photoDomain');
  if (partition === 'aws-cn') {
    // CloudFront in the China regions takes no ACM certificate, only one uploaded to IAM.
    if (!iamCertificateId || certificateArn)
      throw new Error('In China, photoDomain needs photoIamCertificateId (an IAM server certificate), not an ACM ARN');
    if (!/^[A-Z0-9]{16,32}$/.test(iamCertificateId))
      throw new Error('photoIamCertificateId is the ServerCertificateId (ASCA…) of `aws iam get-server-certificate`');
    return { domainName: host('photoDomain', domainName), iamCertificateId };
  }
  if (!certificateArn || iamCertificateId) throw new Error('photoDomain needs photoCertificateArn (ACM, us-east-1)');
  const cert = arnParts('photoCertificateArn', certificateArn);
  if (cert.service !== 'acm' || cert.partition !== partition || cert.region !== 'us-east-1')
    throw new Error('photoCertificateArn must be an ACM certificate in us-east-1, where CloudFront reads certificates');
  return { domainName: host('photoDomain', domainName), certificateArn };
}

function email(value: string | undefined): string | undefined {
  if (value !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value))
    throw new Error(`alarmEmail: '${value}' is not an e-mail address`);
  return value;
}

function positiveInteger(name: string, value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0`);
  return n;
}

function concurrency(value: unknown, fallback: number | undefined): number | undefined {
  // Reserving 0 would throttle every call: "none" reserves nothing instead.
  if (value === 'none') return undefined;
  return positiveInteger('pointsReservedConcurrency', value) ?? fallback;
}

function importedTable(
  tableName: string | undefined,
  tableStreamArn: string | undefined,
  region: string,
  partition: string,
) {
  if (!tableName && !tableStreamArn) return undefined;
  if (!tableName || !tableStreamArn)
    throw new Error('tableName and tableStreamArn go together (the outbox consumer reads the table’s stream)');
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) throw new Error(`tableName: '${tableName}' is not a table name`);
  const stream = arnParts('tableStreamArn', tableStreamArn);
  if (
    stream.service !== 'dynamodb' ||
    stream.partition !== partition ||
    stream.region !== region ||
    !stream.resource.startsWith(`table/${tableName}/stream/`)
  )
    throw new Error(`tableStreamArn must be the stream of table ${tableName} in ${region}`);
  return { tableName, tableStreamArn };
}
