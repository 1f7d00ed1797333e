import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnauthorizedError, UpstreamError } from '@linli/shared';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWechatClient, wechatFailureOf } from '../../functions/src/clients/wechat.js';
import {
  type SentMessage,
  standInOpenid,
  startWechatStandIn,
  WECHAT_TEST_RISKY_IMAGE_MARKER,
  WECHAT_TEST_RISKY_LABEL,
  WECHAT_TEST_RISKY_WORD,
  type WechatStandIn,
} from '../../infra/local/wechat-stand-in.js';
import { png } from '../unit/wechat-test-images.js';

const APP_ID = 'wx0000test0000linli';
const APP_SECRET = 'test-secret-0123456789abcdef';
const TEMPLATE = 'tmpl-feedback-progress';
const resident = standInOpenid(APP_ID, 'resident');

let standIn: WechatStandIn;
/** Serves photos for media_check_async; the query string stands in for a presigned URL's credentials. */
const photos = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://photos').pathname;
  if (path === '/photo.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(png(1080, 1920));
  else res.writeHead(403).end('AccessDenied');
});
let photosUrl: string;

beforeAll(async () => {
  standIn = await startWechatStandIn({
    port: 0,
    appId: APP_ID,
    appSecret: APP_SECRET,
    templates: { [TEMPLATE]: ['thing1', 'phrase2', 'time3'] },
    pushToken: 'clientTestPushToken',
    pushAesKey: 'ClientTestEncodingAesKey0123456789abcdefghi',
    mediaCheckDelayMs: 60_000,
  });
  await new Promise<void>((resolve) => photos.listen(0, '127.0.0.1', resolve));
  photosUrl = `http://127.0.0.1:${(photos.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await standIn.close();
  photos.closeAllConnections();
  await new Promise((resolve) => photos.close(resolve));
});

afterEach(() => {
  standIn.clearFaults();
});

/** A fetch that records what it was asked for, so tests can count token requests and calls. */
function countingFetch() {
  const calls: { path: string; body: string }[] = [];
  const counted: typeof fetch = (input, init) => {
    calls.push({ path: new URL(String(input)).pathname, body: typeof init?.body === 'string' ? init.body : '' });
    return fetch(input, init);
  };
  return {
    fetch: counted,
    calls,
    tokenRequests: () => calls.filter((c) => /^\/cgi-bin\/(stable_)?token$/.test(c.path)).length,
    callsTo: (path: string) => calls.filter((c) => c.path === path).length,
  };
}

function client(
  overrides: {
    appSecret?: string | ((opts?: { fresh?: boolean }) => Promise<string>);
    fetch?: typeof fetch;
    timeoutMs?: number;
    now?: () => number;
  } = {},
) {
  const secret = overrides.appSecret;
  return createWechatClient({
    baseUrl: standIn.url,
    appId: APP_ID,
    appSecret: typeof secret === 'function' ? secret : async () => secret ?? APP_SECRET,
    fetch: overrides.fetch,
    timeoutMs: overrides.timeoutMs,
    now: overrides.now,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('Signing in with a WeChat login code', () => {
  it('gives the same openid for two fresh codes of the same person', async () => {
    // Prepare
    const wechat = client();

    // Act
    const first = await wechat.code2Session('wang.1');
    const second = await wechat.code2Session('wang.2');
    const other = await wechat.code2Session('li.1');

    // Assess
    expect(first.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(second.openid).toBe(first.openid);
    expect(first.unionid).toBeTypeOf('string');
    expect(other.openid).not.toBe(first.openid);
  });

  it('refuses a code used twice as an invalid login code', async () => {
    // Prepare
    const wechat = client();
    await wechat.code2Session('zhao.1');

    // Act
    const error = await rejection(wechat.code2Session('zhao.1'));

    // Assess
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ status: 401, code: 'WECHAT_CODE_INVALID' });
  });

  it('refuses a malformed code as an invalid login code', async () => {
    const error = await rejection(client().code2Session('not a code!'));
    expect(error).toMatchObject({ code: 'WECHAT_CODE_INVALID' });
  });

  it('reports a wrong app secret as WeChat being unavailable, without the secret in the error', async () => {
    // Prepare
    const wrongSecret = 'wrong-secret-do-not-log';

    // Act
    const error = await rejection(client({ appSecret: wrongSecret }).code2Session('sun.1'));

    // Assess
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 502, code: 'WECHAT_UNAVAILABLE', cause: { errcode: 40125 } });
    expect(JSON.stringify({ error, cause: (error as Error).cause, message: (error as Error).message })).not.toContain(
      wrongSecret,
    );
  });
});

describe('The access token', () => {
  it('is requested once and reused by later calls', async () => {
    // Prepare
    const counter = countingFetch();
    const wechat = client({ fetch: counter.fetch });

    // Act
    const first = await wechat.getAccessToken();
    await wechat.msgSecCheck({ openid: 'o-test', content: '楼道灯坏了', scene: 2 });
    await wechat.msgSecCheck({ openid: 'o-test', content: '垃圾桶满了', scene: 2 });
    const again = await wechat.getAccessToken();

    // Assess
    expect(again).toBe(first);
    expect(counter.tokenRequests()).toBe(1);
  });

  it('is fetched by one request when many callers ask at once', async () => {
    // Prepare
    standIn.revokeTokens();
    const counter = countingFetch();
    const wechat = client({ fetch: counter.fetch });

    // Act
    const tokens = await Promise.all(Array.from({ length: 5 }, () => wechat.getAccessToken()));

    // Assess
    expect(new Set(tokens).size).toBe(1);
    expect(counter.tokenRequests()).toBe(1);
  });

  it('is refreshed once and the call retried after WeChat says it expired (42001)', async () => {
    // Prepare
    const counter = countingFetch();
    const wechat = client({ fetch: counter.fetch });
    const before = await wechat.getAccessToken();
    standIn.setFaults({ expireTokens: true });

    // Act
    const check = await wechat.msgSecCheck({ openid: 'o-test', content: '电梯又坏了', scene: 2 });

    // Assess
    expect(check).toEqual({ pass: true });
    expect(counter.tokenRequests()).toBe(2);
    expect(counter.callsTo('/wxa/msg_sec_check')).toBe(2);
    expect(await wechat.getAccessToken()).not.toBe(before);
  });

  it('is force-refreshed when stable_token hands back the very token WeChat refused', async () => {
    // Prepare: WeChat refuses the (still unexpired) stable token once, as after a refresh made elsewhere
    const counter = countingFetch();
    let refused = false;
    const refusingOnce: typeof fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      if (path === '/wxa/msg_sec_check' && !refused) {
        refused = true;
        await counter.fetch(input, init);
        return new Response(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }), {
          headers: { 'Content-Type': 'application/json' },
        });
      }
      return counter.fetch(input, init);
    };
    const wechat = client({ fetch: refusingOnce });
    const before = await wechat.getAccessToken();

    // Act
    const check = await wechat.msgSecCheck({ openid: 'o-test', content: '路灯不亮', scene: 2 });

    // Assess
    const tokenBodies = counter.calls.filter((c) => c.path === '/cgi-bin/stable_token').map((c) => JSON.parse(c.body));
    expect(check).toEqual({ pass: true });
    expect(tokenBodies.map((b) => b.force_refresh ?? false)).toEqual([false, false, true]);
    expect(await wechat.getAccessToken()).not.toBe(before);
  });

  it('is refreshed once and the call retried after WeChat stops accepting it', async () => {
    // Prepare
    const counter = countingFetch();
    const wechat = client({ fetch: counter.fetch });
    const before = await wechat.getAccessToken();
    standIn.revokeTokens();

    // Act
    const check = await wechat.msgSecCheck({ openid: 'o-test', content: '今天收垃圾吗', scene: 2 });

    // Assess
    expect(check).toEqual({ pass: true });
    expect(counter.tokenRequests()).toBe(2);
    expect(await wechat.getAccessToken()).not.toBe(before);
  });
});

describe('A reset app secret (40125)', () => {
  it('is read again past the cache once, so no redeploy is needed', async () => {
    // Prepare: the mp console reset the secret; only a fresh read of the secret store knows the new one
    standIn.setFaults({ resetSecret: 'secret-after-reset' });
    const reads: (boolean | undefined)[] = [];
    const wechat = client({
      appSecret: async (opts) => {
        reads.push(opts?.fresh);
        return opts?.fresh ? 'secret-after-reset' : APP_SECRET;
      },
    });

    // Act
    const token = await wechat.getAccessToken();
    const check = await wechat.msgSecCheck({ openid: 'o-test', content: '快递柜满了', scene: 2 });

    // Assess
    expect(token).toEqual(expect.any(String));
    expect(check).toEqual({ pass: true });
    expect(reads).toEqual([undefined, true]);
  });

  it('is read again for a login too', async () => {
    standIn.setFaults({ resetSecret: 'secret-after-reset' });
    const wechat = client({ appSecret: async (opts) => (opts?.fresh ? 'secret-after-reset' : APP_SECRET) });
    expect((await wechat.code2Session('reset.1')).openid).toBe(standInOpenid(APP_ID, 'reset'));
  });

  it('fails with 40125 when the fresh read is still wrong, without the secret in the error', async () => {
    // Prepare
    standIn.setFaults({ resetSecret: 'secret-after-reset' });
    const reads: (boolean | undefined)[] = [];
    const wechat = client({
      appSecret: async (opts) => {
        reads.push(opts?.fresh);
        return APP_SECRET;
      },
    });

    // Act
    const error = await rejection(wechat.getAccessToken());

    // Assess
    expect(wechatFailureOf(error)).toEqual({ api: 'stable_token', errcode: 40125, errmsg: 'invalid appsecret' });
    expect(reads).toEqual([undefined, true]);
    expect(JSON.stringify({ error, cause: (error as Error).cause })).not.toContain(APP_SECRET);
  });
});

describe('A spent quota (45011, 45009)', () => {
  const check = (wechat: ReturnType<typeof client>) =>
    wechat.msgSecCheck({ openid: 'o-test', content: '今天停水吗', scene: 2 });

  it('makes the client wait a minute after 45011 without calling WeChat meanwhile', async () => {
    // Prepare
    let now = Date.parse('2026-05-01T02:00:00Z');
    const counter = countingFetch();
    const wechat = client({ fetch: counter.fetch, now: () => now });
    await wechat.getAccessToken();
    standIn.setFaults({ quota: 45011 });

    // Act
    const first = await rejection(check(wechat));
    standIn.clearFaults();
    now += 59_000;
    const meanwhile = await rejection(check(wechat));
    const callsMeanwhile = counter.callsTo('/wxa/msg_sec_check');
    now += 2_000;
    const after = await check(wechat);

    // Assess
    expect(wechatFailureOf(first)).toMatchObject({ api: 'msg_sec_check', errcode: 45011 });
    expect(wechatFailureOf(meanwhile)).toEqual(wechatFailureOf(first));
    expect(callsMeanwhile).toBe(1);
    expect(after).toEqual({ pass: true });
    expect(counter.callsTo('/wxa/msg_sec_check')).toBe(2);
  });

  it('makes the client wait for midnight in Shanghai after 45009, for that API only', async () => {
    // Prepare: 22:00 in Shanghai
    let now = Date.parse('2026-05-01T14:00:00Z');
    const counter = countingFetch();
    const wechat = client({ fetch: counter.fetch, now: () => now });
    standIn.setFaults({ quota: 45009 });
    const first = await rejection(check(wechat));
    standIn.clearFaults();
    standIn.grant(resident, TEMPLATE);

    // Act
    now = Date.parse('2026-05-01T15:59:59Z'); // 23:59:59 in Shanghai
    const beforeMidnight = await rejection(check(wechat));
    const otherApi = wechat.sendSubscribeMessage({
      openid: resident,
      templateId: TEMPLATE,
      data: { thing1: '楼道灯坏了', phrase2: '已受理', time3: '2026-05-01 10:00' },
    });
    await expect(otherApi).resolves.toBeUndefined();
    now = Date.parse('2026-05-01T16:00:00Z'); // 00:00 in Shanghai
    const afterMidnight = await check(wechat);

    // Assess
    expect(wechatFailureOf(first)).toMatchObject({ errcode: 45009 });
    expect(wechatFailureOf(beforeMidnight)).toMatchObject({ errcode: 45009 });
    expect(afterMidnight).toEqual({ pass: true });
    expect(counter.callsTo('/wxa/msg_sec_check')).toBe(2);
  });

  it('does not back off from an outage (-1): the next call goes to WeChat again', async () => {
    // Prepare
    const counter = countingFetch();
    const wechat = client({ fetch: counter.fetch });
    await wechat.getAccessToken();
    standIn.setFaults({ busy: true });

    // Act
    const outage = await rejection(check(wechat));
    standIn.clearFaults();
    const next = await check(wechat);

    // Assess
    expect(outage).toBeInstanceOf(UpstreamError);
    expect(wechatFailureOf(outage)).toEqual({ api: 'msg_sec_check', errcode: -1, errmsg: 'system error' });
    expect(next).toEqual({ pass: true });
  });
});

describe('Checking a photo asynchronously', () => {
  it('hands WeChat the photo’s URL and gives back the trace id of the job', async () => {
    // Act
    const { traceId } = await client().mediaCheckAsync({
      openid: resident,
      mediaUrl: `${photosUrl}/photo.png?X-Amz-Signature=abc`,
      scene: 2,
    });

    // Assess
    expect(traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(standIn.pendingMediaChecks()).toBeGreaterThanOrEqual(1);
  });

  it('fails with WeChat’s errcode when WeChat cannot download the photo, without the URL in the failure', async () => {
    // Prepare
    const presigned = `${photosUrl}/expired.png?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=deadbeef`;

    // Act
    const error = await rejection(client().mediaCheckAsync({ openid: resident, mediaUrl: presigned, scene: 2 }));

    // Assess
    expect(error).toBeInstanceOf(UpstreamError);
    expect(wechatFailureOf(error)).toEqual({ api: 'media_check_async', errcode: 41005, errmsg: 'media data missing' });
    expect(JSON.stringify({ error, cause: (error as Error).cause })).not.toContain('X-Amz');
  });
});

describe('Checking text content', () => {
  it('passes ordinary text and flags text with the local risky word', async () => {
    // Prepare
    const wechat = client();

    // Act
    const ordinary = await wechat.msgSecCheck({ openid: 'o-test', content: '3 号楼电梯异响', scene: 2 });
    const risky = await wechat.msgSecCheck({
      openid: 'o-test',
      content: `这里有${WECHAT_TEST_RISKY_WORD}内容`,
      scene: 2,
    });

    // Assess
    expect(ordinary).toEqual({ pass: true });
    expect(risky).toEqual({ pass: false, label: WECHAT_TEST_RISKY_LABEL });
  });
});

describe('Sending a subscription message', () => {
  beforeEach(async () => {
    await fetch(`${standIn.url}/__stand-in/outbox`, { method: 'DELETE' });
  });

  async function outbox(): Promise<SentMessage[]> {
    const response = await fetch(`${standIn.url}/__stand-in/outbox`);
    return ((await response.json()) as { messages: SentMessage[] }).messages;
  }

  it('delivers it to the outbox with WeChat’s data shape', async () => {
    // Prepare
    standIn.grant(resident, TEMPLATE);

    // Act
    await client().sendSubscribeMessage({
      openid: resident,
      templateId: TEMPLATE,
      page: 'pages/feedback/detail?id=f1',
      data: { thing1: '楼道灯坏了', phrase2: '已受理', time3: '2025-05-01 10:00' },
      miniprogramState: 'developer',
    });

    // Assess
    const messages = await outbox();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      touser: resident,
      template_id: TEMPLATE,
      page: 'pages/feedback/detail?id=f1',
      data: { thing1: { value: '楼道灯坏了' }, phrase2: { value: '已受理' }, time3: { value: '2025-05-01 10:00' } },
    });
    expect(standIn.outbox()).toHaveLength(1);
  });

  it('is refused when a thing value is longer than 20 characters', async () => {
    // Prepare
    standIn.grant(resident, TEMPLATE);

    // Act
    const error = await rejection(
      client().sendSubscribeMessage({
        openid: resident,
        templateId: TEMPLATE,
        data: { thing1: '这是一段明显超过二十个字的反馈标题，不能放进模板', phrase2: '已受理', time3: '10:00' },
      }),
    );

    // Assess
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ cause: { errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' } });
    expect(await outbox()).toEqual([]);
  });

  it('is refused with 43101 when the person has no consent left, so a caller can tell it from an outage', async () => {
    // Prepare: one consent, two messages
    standIn.grant(standInOpenid(APP_ID, 'once'), TEMPLATE);
    const message = {
      openid: standInOpenid(APP_ID, 'once'),
      templateId: TEMPLATE,
      data: { thing1: '楼道灯坏了', phrase2: '已办结', time3: '2025-05-01 10:00' },
    };
    await client().sendSubscribeMessage(message);

    // Act
    const error = await rejection(client().sendSubscribeMessage(message));

    // Assess
    expect(wechatFailureOf(error)).toEqual({
      api: 'subscribe_send',
      errcode: 43101,
      errmsg: 'user refuse to accept the msg',
    });
    expect(JSON.stringify({ error, cause: (error as Error).cause })).not.toContain(message.openid);
    expect(await outbox()).toHaveLength(1);
  });

  it('is refused with 40037 for a template the app does not have', async () => {
    const error = await rejection(
      client().sendSubscribeMessage({ openid: resident, templateId: 'tmpl-nope', data: { thing1: '灯' } }),
    );
    expect(wechatFailureOf(error)).toMatchObject({ errcode: 40037 });
  });
});

describe('Making a mini-program code', () => {
  it('returns a PNG whose QR code carries the page and the scene', async () => {
    // Prepare
    const scene = 'c=fengqiao&s=st-1';

    // Act
    const png = await client().getUnlimitedQrCode({ scene, page: 'pages/points/scan', width: 280 });

    // Assess
    const image = PNG.sync.read(png);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(decoded).not.toBeNull();
    const url = new URL(decoded?.data ?? '');
    expect(url.searchParams.get('scene')).toBe(scene);
    expect(url.searchParams.get('page')).toBe('pages/points/scan');
  });

  it('is refused for a scene WeChat would not accept', async () => {
    const error = await rejection(client().getUnlimitedQrCode({ scene: '小区=枫桥' }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', cause: { errcode: 40169 } });
  });
});

describe('WeChat not answering in time', () => {
  it('is reported as a timeout when WeChat is slow', async () => {
    // Prepare
    const wechat = client({ timeoutMs: 200 });
    await wechat.getAccessToken();
    standIn.setFaults({ delayMs: 500 });

    // Act
    const error = await rejection(wechat.msgSecCheck({ openid: 'o-test', content: '慢', scene: 2 }));

    // Assess
    expect(wechatFailureOf(error)).toEqual({ api: 'msg_sec_check', reason: 'timeout' });
  });

  it('is reported as WeChat being unavailable', async () => {
    // Prepare: a fetch that never answers until the client gives up
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));

    // Act
    const error = await rejection(client({ fetch: silent, timeoutMs: 50 }).code2Session('qian.1'));

    // Assess
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', cause: { reason: 'timeout' } });
  });
});

describe('The WeChat stand-in over HTTP', () => {
  it('answers an unknown path with 404 and WeChat’s error shape', async () => {
    const response = await fetch(`${standIn.url}/cgi-bin/no-such-api`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errcode: -1, errmsg: 'not found' });
  });

  it('answers malformed JSON with 47001 instead of failing', async () => {
    // Prepare
    const token = await client().getAccessToken();

    // Act
    const response = await fetch(`${standIn.url}/wxa/msg_sec_check?access_token=${token}`, {
      method: 'POST',
      body: '{"content": ',
    });

    // Assess
    expect(await response.json()).toMatchObject({ errcode: 47001 });
  });

  it('refuses a call without a valid access token with 40001', async () => {
    const response = await fetch(`${standIn.url}/wxa/msg_sec_check?access_token=made-up`, {
      method: 'POST',
      body: JSON.stringify({ content: 'hi', version: 2, scene: 2, openid: 'o-test' }),
    });
    expect(await response.json()).toMatchObject({ errcode: 40001 });
  });

  it('flags an image carrying the risky marker and passes others', async () => {
    // Prepare
    const token = await client().getAccessToken();
    const check = (bytes: Buffer) => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
      return fetch(`${standIn.url}/wxa/img_sec_check?access_token=${token}`, { method: 'POST', body: form });
    };

    // Act
    const plain = await (await check(png(640, 480, 'ordinary photo'))).json();
    const risky = await (await check(png(640, 480, `${WECHAT_TEST_RISKY_IMAGE_MARKER} photo`))).json();

    // Assess
    expect(plain).toMatchObject({ errcode: 0 });
    expect(risky).toMatchObject({ errcode: 87014 });
  });

  it('checks an image through the client’s imgSecCheck (the 1.0 API)', async () => {
    const wechat = client();
    expect(await wechat.imgSecCheck(png(750, 1334), 'image/png')).toEqual({ pass: true });
    expect(await wechat.imgSecCheck(png(100, 100, WECHAT_TEST_RISKY_IMAGE_MARKER), 'image/png')).toEqual({
      pass: false,
    });
    const tooTall = await rejection(wechat.imgSecCheck(png(750, 1335), 'image/png'));
    expect(wechatFailureOf(tooTall)).toMatchObject({ api: 'img_sec_check', errcode: 40006 });
  });
});
