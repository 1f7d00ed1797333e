/**
 * The whole system on one machine: DynamoDB Local, the WeChat stand-in, the
 * photo store, the real handlers behind the local API, the H5 build, and the
 * sweep timer. `npm start` and the test setup both start it through here.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SUBSCRIPTION_TEMPLATES } from '@linli/shared';
import { TEMPLATE_KEYWORDS } from '../../functions/src/domain/messages/templates.js';
import type { LambdaHandler } from '../../functions/src/http/route-handler.js';
import { CONTEXTS, type Context } from '../../functions/src/routes.js';
import { startApiServer } from './api-server.js';
import { ensureTable } from './create-table.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { startPhotoStore } from './photo-store.js';
import { assertPortFree, getFreePort } from './ports.js';
import { rebuildDemoRollups, seedDemoDistrict } from './seed.js';
import { startStreamPoller } from './stream-poller.js';
import { standInOpenid, startWechatStandIn } from './wechat-stand-in.js';

export interface LocalStackOptions {
  /** API port; 0 picks free ports for everything (tests). Others follow it: +1 DynamoDB, +2 WeChat, +3 photos. */
  port: number;
  /** Keep data in memory only (throwaway run); otherwise under `dataDir`. */
  memory: boolean;
  /** Absolute folder for DynamoDB files, photos and the local session key. */
  dataDir: string;
  /** The H5 build to serve from the API's origin. */
  h5Dir?: string;
  /** Run the scheduled sweeps every this many ms (0 = never). */
  sweepIntervalMs?: number;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Only the bare structure (two communities, the personas, rewards, upcoming activities), as the
   * test stacks need it; otherwise the living demo district: six communities with six months of history.
   */
  empty?: boolean;
}

export interface LocalStack {
  apiUrl: string;
  dynamoEndpoint: string;
  wechatUrl: string;
  photoStoreUrl: string;
  tableName: string;
  stop(): Promise<void>;
}

const REGION = 'cn-north-1';
const TABLE = 'linli';
const BUCKET = 'linli-photos';
const APP_ID = 'wx0000local0000linli';
const ACCESS = { accessKeyId: 'local', secretAccessKey: 'local-secret' };
/** The template ids a local build of the mini-program asks for (miniprogram/config). */
const localTemplateId = (name: string) => `local-${name.replaceAll('_', '-')}`;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (length: number) => Array.from(randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join('');

async function ports(base: number) {
  if (base === 0) return Promise.all([getFreePort(), getFreePort(), getFreePort(), getFreePort()]);
  const all = [base, base + 1, base + 2, base + 3];
  for (const p of all) await assertPortFree(p);
  return all;
}

/** A per-machine random key, kept beside the data so sessions survive a restart. */
async function localSecret(file: string | undefined): Promise<string> {
  if (process.env.SESSION_KEY) return process.env.SESSION_KEY;
  if (!file) return randomBytes(32).toString('base64url');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  const key = randomBytes(32).toString('base64url');
  await writeFile(file, key, { mode: 0o600 });
  return key;
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const [apiPort, dynamoPort, wechatPort, photoPort] = (await ports(opts.port)) as [number, number, number, number];
  if (!opts.memory) await mkdir(opts.dataDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  };
  try {
    const dynamo = await startDynamoDbLocal({
      port: dynamoPort,
      dbPath: opts.memory ? undefined : join(opts.dataDir, 'dynamodb'),
    });
    stops.push(dynamo.stop);
    const wechatSecret = randomBytes(16).toString('hex');
    // What the mp console holds: the message-push Token and EncodingAESKey, and the chosen templates.
    const push = { token: `linli${alnum(10)}`, encodingAesKey: alnum(43) };
    const wechat = await startWechatStandIn({
      port: wechatPort,
      appId: APP_ID,
      appSecret: wechatSecret,
      pushToken: push.token,
      pushAesKey: push.encodingAesKey,
      templates: Object.fromEntries(
        SUBSCRIPTION_TEMPLATES.map((name) => [localTemplateId(name), [...TEMPLATE_KEYWORDS[name]]]),
      ),
    });
    stops.push(wechat.close);
    const photos = await startPhotoStore({
      port: photoPort,
      bucket: BUCKET,
      region: REGION,
      ...ACCESS,
      dataDir: opts.memory ? undefined : join(opts.dataDir, 'photos'),
    });
    stops.push(photos.close);

    Object.assign(process.env, {
      STAGE: 'local',
      TABLE_NAME: TABLE,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: ACCESS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ACCESS.secretAccessKey,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      PHOTO_BUCKET: BUCKET,
      S3_ENDPOINT: photos.url,
      WECHAT_APP_ID: APP_ID,
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_SECRET: wechatSecret,
      WECHAT_PUSH_SECRET: JSON.stringify(push),
      ...Object.fromEntries(
        SUBSCRIPTION_TEMPLATES.map((name) => [`WECHAT_TEMPLATE_${name.toUpperCase()}`, localTemplateId(name)]),
      ),
      SESSION_KEY: await localSecret(opts.memory ? undefined : join(opts.dataDir, 'session.key')),
      POWERTOOLS_LOG_LEVEL: opts.logLevel ?? 'WARN',
      POWERTOOLS_DEV: 'true',
    });
    delete process.env.AWS_PROFILE;

    // A new table gets its stream only once the living district is seeded: nothing would read the records of
    // the seed's ~12,000 calls (the poller starts at the stream's end, the roll-up rebuild counts what the seed
    // wrote), and writing one for every change was about a seventh of DynamoDB Local's work during the seed.
    await ensureTable(dynamo.endpoint, TABLE, REGION, { stream: !!opts.empty });
    // Imported only now: the handlers read their configuration once, at import.
    const { createTable } = await import('../../functions/src/data/client.js');
    const table = createTable({ tableName: TABLE, region: REGION, endpoint: dynamo.endpoint });
    const openidOf = (person: string) => standInOpenid(APP_ID, person);
    if (opts.empty) await seedDemoDistrict(table, openidOf);
    else {
      const { seedLivingDistrict } = await import('./living-seed.js');
      const { createWechatClient } = await import('../../functions/src/clients/wechat.js');
      const seeded = await seedLivingDistrict(table, {
        now: new Date(),
        openidOf,
        // The seed's texts pass WeChat's content check as a resident's would: through the stand-in.
        wechat: createWechatClient({ baseUrl: wechat.url, appId: APP_ID, appSecret: async () => wechatSecret }),
        photoStore: { endpoint: photos.url, bucket: BUCKET, region: REGION },
        sessionKey: process.env.SESSION_KEY as string,
      });
      console.log(
        seeded.seeded
          ? `演示街区已生成：6 个社区、半年的记录（${seeded.events} 步），用时 ${(seeded.ms / 1000).toFixed(1)} 秒 / living demo district seeded in ${(seeded.ms / 1000).toFixed(1)} s`
          : '演示街区已存在，未重复生成 / living demo district already seeded',
      );
    }
    await ensureTable(dynamo.endpoint, TABLE, REGION);
    // The stream is read from its end: what the seed wrote, or a previous run left unread, the rebuild counts.
    await rebuildDemoRollups(table);
    const handlers = Object.fromEntries(
      await Promise.all(
        CONTEXTS.map(async (context) => {
          const module = await import(`../../functions/src/handlers/${context}/index.ts`);
          return [context, module.handler as LambdaHandler] as const;
        }),
      ),
    ) as Record<Context, LambdaHandler>;
    const jobs = await import('../../functions/src/handlers/jobs/index.js');
    const outbox = await import('../../functions/src/handlers/outbox/index.js');
    const api = await startApiServer({
      port: apiPort,
      h5Dir: opts.h5Dir,
      handlers,
      // The H5 build's stand-in for wx.requestSubscribeMessage asks WeChat's stand-in, on the app's own origin.
      proxies: { '/__stand-in/wechat/': `${wechat.url}/__stand-in/` },
    });
    stops.push(api.close);
    wechat.setPushUrl(`${api.url}/v1/wechat/events`);
    const poller = await startStreamPoller({
      endpoint: dynamo.endpoint,
      region: REGION,
      tableName: TABLE,
      handler: outbox.handler,
    });
    stops.push(poller.stop);

    if (opts.sweepIntervalMs) {
      const timer = setInterval(() => {
        jobs.handler({ time: new Date().toISOString() }).catch((e) => console.error('sweep failed', e));
      }, opts.sweepIntervalMs);
      stops.push(async () => clearInterval(timer));
    }

    return {
      apiUrl: api.url,
      dynamoEndpoint: dynamo.endpoint,
      wechatUrl: wechat.url,
      photoStoreUrl: photos.url,
      tableName: TABLE,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
