/**
 * Configuration, read once at cold start. A missing variable fails the cold
 * start loudly instead of the hundredth request.
 */
import { SUBSCRIPTION_TEMPLATES, type SubscriptionTemplate } from '@linli/shared';
import { parseFaults } from './data/faults.js';
import { STAGES, type Stage } from './routes/spec.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

function stage(): Stage {
  const value = required('STAGE');
  if (!(STAGES as readonly string[]).includes(value)) throw new Error(`STAGE must be one of ${STAGES.join(', ')}`);
  return value as Stage;
}

/** A secret is given directly (local stage) or as a Secrets Manager ARN (cloud). */
export interface SecretSource {
  readonly value?: string;
  readonly arn?: string;
}

function secretSource(valueVar: string, arnVar: string): SecretSource {
  const value = process.env[valueVar];
  const arn = process.env[arnVar];
  if (!value && !arn) throw new Error(`Set ${valueVar} (local) or ${arnVar} (cloud)`);
  return { value, arn };
}

/** Injected DynamoDB faults: a local stage only; set anywhere else it fails the cold start. */
function faults() {
  const spec = process.env.LINLI_FAULTS;
  if (spec && process.env.STAGE !== 'local') throw new Error('LINLI_FAULTS is for the local stage only');
  return parseFaults(spec);
}

/** An https origin and nothing more (no path, query or trailing text), or absent. */
function publicOrigin(name: string): string | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(value))
    throw new Error(`${name} must be an https origin such as https://photos.example.cn`);
  return value;
}

export const config = {
  stage: stage(),
  tableName: required('TABLE_NAME'),
  region: process.env.AWS_REGION ?? 'cn-north-1',
  /** Set only locally: DynamoDB Local's address. */
  dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
  dynamoFaults: faults(),
  photoBucket: required('PHOTO_BUCKET'),
  /** Set only locally: the photo store stand-in's address. */
  s3Endpoint: process.env.S3_ENDPOINT,
  /** The photo store's own https origin, when the stack has a photo domain (`-c photoDomain=…`). */
  photoPublicUrl: publicOrigin('PHOTO_PUBLIC_URL'),
  wechat: {
    appId: required('WECHAT_APP_ID'),
    apiBase: required('WECHAT_API_BASE'),
    appSecret: secretSource('WECHAT_APP_SECRET', 'WECHAT_SECRET_ARN'),
    /** Subscription message templates chosen in the mp console: `WECHAT_TEMPLATE_FEEDBACK_ACCEPTED`, … */
    templates: Object.fromEntries(
      SUBSCRIPTION_TEMPLATES.map((name) => [name, required(`WECHAT_TEMPLATE_${name.toUpperCase()}`)]),
    ) as Record<SubscriptionTemplate, string>,
    /** The message-push Token and EncodingAESKey set in the mp console, as JSON `{ token, encodingAesKey }`. */
    push: secretSource('WECHAT_PUSH_SECRET', 'WECHAT_PUSH_SECRET_ARN'),
  },
  sessionKey: secretSource('SESSION_KEY', 'SESSION_KEY_SECRET_ARN'),
  sessionTtlSeconds: Number(process.env.SESSION_TTL_SECONDS ?? 2 * 60 * 60),
};
