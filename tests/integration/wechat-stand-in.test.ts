/**
 * The WeChat stand-in refuses what WeChat refuses: each rule is a test of the
 * stand-in itself, called over HTTP the way the backend (or WeChat's client)
 * calls WeChat.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPush } from '../../functions/src/clients/wechat-push.js';
import {
  type PushRecord,
  type SentMessage,
  standInOpenid,
  startWechatStandIn,
  WECHAT_TEST_RISKY_IMAGE_MARKER,
  WECHAT_TEST_RISKY_MEDIA_LABEL,
  type WechatStandIn,
  type WechatStandInOptions,
} from '../../infra/local/wechat-stand-in.js';
import { gif, jpeg, mp3, png, webp, webpExtended } from '../unit/wechat-test-images.js';

const APP_ID = 'wx0000test0000standin';
const APP_SECRET = 'stand-in-secret-0123456789abcdef';
const PUSH_TOKEN = 'standInPushToken2026';
const PUSH_AES_KEY = 'StandInEncodingAesKeyForTests0123456789abcd';
const TEMPLATES = {
  'tmpl-progress': ['thing1', 'phrase2', 'time3', 'thing4'],
  'tmpl-task': ['thing1', 'time2', 'thing3'],
  'tmpl-reply': ['thing1', 'thing2', 'time3'],
  'tmpl-pickup': ['thing1', 'thing2', 'time3'],
};
const PUSH_TIMEOUT_MS = 200;
const wang = standInOpenid(APP_ID, 'resident-wang');

// --- a file host for media_url, and a push receiver in place of our API ----------------------------------------

interface Served {
  status?: number;
  body?: Buffer;
  /** Stream this many bytes instead of `body`. */
  size?: number;
  delayMs?: number;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const files = new Map<string, Served>();
const fileServer = createServer((req, res) => {
  const served = files.get(new URL(req.url ?? '/', 'http://files').pathname);
  if (!served) {
    res.writeHead(404).end('not found');
    return;
  }
  setTimeout(() => {
    if (served.size !== undefined) {
      // Declared, as S3 declares it: the stand-in refuses on the header, not after 10 MB within its short timeout.
      res.writeHead(served.status ?? 200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(served.size),
      });
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      let left = served.size;
      const write = () => {
        while (left > 0) {
          const part = chunk.subarray(0, Math.min(left, chunk.length));
          left -= part.length;
          if (!res.write(part)) return res.once('drain', write);
        }
        res.end();
      };
      res.on('error', () => undefined);
      write();
      return;
    }
    res.writeHead(served.status ?? 200, { 'Content-Type': 'image/png' }).end(served.body);
  }, served.delayMs ?? 0);
});

type ReceiverMode = 'success' | 'empty' | 'error-text' | 'status-500' | 'silent' | 'success-newline';
interface Received {
  method: string;
  query: Record<string, string>;
  body: string;
}
let receiverMode: ReceiverMode = 'success';
const received: Received[] = [];
const receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    received.push({
      method: req.method ?? 'GET',
      query: Object.fromEntries(url.searchParams),
      body: Buffer.concat(chunks).toString('utf8'),
    });
    if (req.method === 'GET') {
      res.end(url.searchParams.get('echostr') ?? '');
      return;
    }
    switch (receiverMode) {
      case 'success':
        res.end('success');
        return;
      case 'success-newline':
        res.end('success\n');
        return;
      case 'empty':
        res.end();
        return;
      case 'error-text':
        res.end('error');
        return;
      case 'status-500':
        res.writeHead(500).end('success');
        return;
      case 'silent':
        return; // never answers; the stand-in gives up after its push timeout
    }
  });
});

let filesUrl: string;
let receiverUrl: string;
let standIn: WechatStandIn;

function options(overrides: Partial<WechatStandInOptions> = {}): WechatStandInOptions {
  return {
    port: 0,
    appId: APP_ID,
    appSecret: APP_SECRET,
    templates: TEMPLATES,
    pushToken: PUSH_TOKEN,
    pushAesKey: PUSH_AES_KEY,
    pushUrl: `${receiverUrl}/v1/wechat/events`,
    mediaCheckDelayMs: 50,
    mediaDownloadTimeoutMs: 500,
    pushTimeoutMs: PUSH_TIMEOUT_MS,
    ...overrides,
  };
}

beforeAll(async () => {
  filesUrl = await listen(fileServer);
  receiverUrl = await listen(receiver);
  standIn = await startWechatStandIn(options());
});

afterAll(async () => {
  await standIn.close();
  fileServer.closeAllConnections();
  receiver.closeAllConnections();
  await new Promise((resolve) => fileServer.close(resolve));
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
  receiverMode = 'success';
  received.length = 0;
  standIn.clearPushes();
  standIn.clearOutbox();
});

afterEach(async () => {
  standIn.clearFaults();
  await standIn.flushMediaChecks();
});

// --- helpers -----------------------------------------------------------------------------------------------------

async function postJson(path: string, body: unknown, base = standIn.url) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function stableToken(secret = APP_SECRET, forceRefresh = false, base = standIn.url): Promise<string> {
  const { body } = await postJson(
    '/cgi-bin/stable_token',
    { grant_type: 'client_credential', appid: APP_ID, secret, ...(forceRefresh ? { force_refresh: true } : {}) },
    base,
  );
  if (typeof body.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function api(path: string, body: unknown, base = standIn.url) {
  return (
    await postJson(`${path}?access_token=${encodeURIComponent(await stableToken(APP_SECRET, false, base))}`, body, base)
  ).body;
}

async function imgSecCheck(bytes: Buffer, field = 'media') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo');
  const res = await fetch(`${standIn.url}/wxa/img_sec_check?access_token=${await stableToken()}`, {
    method: 'POST',
    body: form,
  });
  return (await res.json()) as Record<string, unknown>;
}

function serve(path: string, served: Served): string {
  files.set(path, served);
  return `${filesUrl}${path}`;
}

function mediaCheck(mediaUrl: string, overrides: Record<string, unknown> = {}, base = standIn.url) {
  return api(
    '/wxa/media_check_async',
    { media_url: mediaUrl, media_type: 2, version: 2, scene: 2, openid: wang, ...overrides },
    base,
  );
}

async function subscribe(body: Record<string, unknown>) {
  return postJson('/__stand-in/subscribe', body);
}

function send(overrides: Record<string, unknown> = {}) {
  return api('/cgi-bin/message/subscribe/send', {
    touser: wang,
    template_id: 'tmpl-task',
    page: 'pages/feedback/detail?id=f1',
    data: { thing1: { value: '楼道灯坏了' }, time2: { value: '2026-05-01 10:00' }, thing3: { value: '请今天处理' } },
    ...overrides,
  });
}

async function outbox(): Promise<SentMessage[]> {
  const res = await fetch(`${standIn.url}/__stand-in/outbox`);
  return ((await res.json()) as { messages: SentMessage[] }).messages;
}

/** Opens a received push the way our API must: both signatures, the key, the appid. */
function openReceived(push: Received) {
  return openPush({
    token: PUSH_TOKEN,
    aesKey: PUSH_AES_KEY,
    appId: APP_ID,
    query: {
      signature: push.query.signature ?? '',
      timestamp: push.query.timestamp ?? '',
      nonce: push.query.nonce ?? '',
      msg_signature: push.query.msg_signature ?? '',
      encrypt_type: push.query.encrypt_type ?? '',
    },
    body: push.body,
    now: new Date(),
  });
}

// --- img_sec_check ---------------------------------------------------------------------------------------------------

describe('img_sec_check (1.0) takes only small images, like WeChat', () => {
  it('accepts PNG, JPEG and GIF of at most 750 × 1334 px', async () => {
    expect(await imgSecCheck(png(750, 1334))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await imgSecCheck(jpeg(750, 1334))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await imgSecCheck(gif(100, 100))).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('refuses a file over 1 MB with 40006', async () => {
    const big = png(100, 100, Buffer.alloc(1024 * 1024));
    expect(await imgSecCheck(big)).toMatchObject({ errcode: 40006, errmsg: 'invalid media size' });
  });

  it('refuses an image wider than 750 or taller than 1334 px with 40006, whatever its format', async () => {
    expect(await imgSecCheck(png(751, 100))).toMatchObject({ errcode: 40006 });
    expect(await imgSecCheck(jpeg(750, 1335))).toMatchObject({ errcode: 40006 });
    expect(await imgSecCheck(webpExtended(4000, 3000))).toMatchObject({ errcode: 40006 });
  });

  it('refuses a WebP it does not document, and bytes that are no image, with 40004', async () => {
    expect(await imgSecCheck(webp(100, 100))).toMatchObject({ errcode: 40004 });
    expect(await imgSecCheck(Buffer.from('just some text'))).toMatchObject({ errcode: 40004 });
  });

  it('flags an image carrying the risky marker with 87014', async () => {
    expect(await imgSecCheck(png(100, 100, WECHAT_TEST_RISKY_IMAGE_MARKER))).toMatchObject({ errcode: 87014 });
  });

  it('wants the file in the form field `media` (41005 otherwise)', async () => {
    expect(await imgSecCheck(png(10, 10), 'file')).toMatchObject({ errcode: 41005 });
  });
});

// --- media_check_async -----------------------------------------------------------------------------------------------

describe('media_check_async takes a job like WeChat', () => {
  it('answers with a trace id once it has the file', async () => {
    // Prepare
    const url = serve('/ok.png', { body: png(1200, 1600) });

    // Act
    const reply = await mediaCheck(url);

    // Assess
    expect(reply).toEqual({
      errcode: 0,
      errmsg: 'ok',
      trace_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
    });
  });

  it('wants version 2, an openid, a scene of 1–4 and a media type of 1 or 2', async () => {
    const url = serve('/valid.png', { body: png(10, 10) });
    expect(await mediaCheck(url, { version: 1 })).toMatchObject({ errcode: 40097 });
    expect(await mediaCheck(url, { openid: undefined })).toMatchObject({ errcode: 40003 });
    expect(await mediaCheck(url, { openid: 'o-test' })).toMatchObject({ errcode: 40003 });
    expect(await mediaCheck(url, { scene: 5 })).toMatchObject({ errcode: 40097 });
    expect(await mediaCheck(url, { media_type: 3 })).toMatchObject({ errcode: 40097 });
    expect(await mediaCheck('', {})).toMatchObject({ errcode: 47001 });
    expect(await mediaCheck('ftp://files.example/a.png')).toMatchObject({ errcode: 40097 });
  });

  it('refuses a media_url it cannot download (41005): not 200, unreachable or too slow', async () => {
    const missing = `${filesUrl}/no-such-file.png`;
    const forbidden = serve('/forbidden.png', { status: 403, body: png(10, 10) });
    const slow = serve('/slow.png', { body: png(10, 10), delayMs: 1500 });
    expect(await mediaCheck(missing)).toMatchObject({ errcode: 41005 });
    expect(await mediaCheck(forbidden)).toMatchObject({ errcode: 41005 });
    expect(await mediaCheck('http://127.0.0.1:9/closed.png')).toMatchObject({ errcode: 41005 });
    expect(await mediaCheck(slow)).toMatchObject({ errcode: 41005 });
  });

  it('refuses a file over 10 MB with 40006', async () => {
    const huge = serve('/huge.png', { size: 10 * 1024 * 1024 + 1 });
    const limit = serve('/limit.png', { body: png(10, 10, Buffer.alloc(10 * 1024 * 1024 - 40)) });
    expect(await mediaCheck(huge)).toMatchObject({ errcode: 40006 });
    expect(await mediaCheck(limit)).toMatchObject({ errcode: 0 });
  });

  it('refuses a format it does not document for the media type (40004): WebP, or an image sent as audio', async () => {
    const webpUrl = serve('/photo.webp', { body: webp(100, 100) });
    const pngUrl = serve('/photo-as-audio.png', { body: png(100, 100) });
    const mp3Url = serve('/voice.mp3', { body: mp3() });
    expect(await mediaCheck(webpUrl)).toMatchObject({ errcode: 40004 });
    expect(await mediaCheck(pngUrl, { media_type: 1 })).toMatchObject({ errcode: 40004 });
    expect(await mediaCheck(mp3Url, { media_type: 1 })).toMatchObject({ errcode: 0 });
  });

  it('answers 40001 without a valid token and the quota errcode while a quota is spent', async () => {
    const url = serve('/quota.png', { body: png(10, 10) });
    const noToken = await postJson('/wxa/media_check_async?access_token=made-up', { media_url: url });
    standIn.setFaults({ quota: 45011 });
    expect(noToken.body).toMatchObject({ errcode: 40001 });
    expect(await mediaCheck(url)).toMatchObject({ errcode: 45011 });
  });
});

describe('media_check_async pushes its verdict like WeChat', () => {
  it('delivers a wxa_media_check event, signed and encrypted in safe mode, after the check’s delay', async () => {
    // Prepare
    const url = serve('/pass.jpg', { body: jpeg(2000, 1500) });

    // Act
    const { trace_id: traceId } = await mediaCheck(url);
    await expect.poll(() => received.length, { timeout: 3000 }).toBe(1);

    // Assess
    const [push] = received as [Received];
    expect(push.method).toBe('POST');
    expect(push.query).toMatchObject({
      encrypt_type: 'aes',
      signature: expect.any(String),
      msg_signature: expect.any(String),
    });
    expect(Object.keys(JSON.parse(push.body)).sort()).toEqual(['Encrypt', 'ToUserName']);
    const opened = openReceived(push);
    expect(opened).toMatchObject({ ok: true });
    expect(opened.ok && opened.message).toEqual({
      ToUserName: expect.stringMatching(/^gh_/),
      FromUserName: expect.any(String),
      CreateTime: expect.any(Number),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: APP_ID,
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: expect.any(Number) }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'pass', label: 100 },
    });
    expect(JSON.stringify(opened)).not.toContain(wang);
  });

  it('judges a file with the risky marker risky (label 20002)', async () => {
    // Prepare
    const url = serve('/risky.png', { body: png(100, 100, WECHAT_TEST_RISKY_IMAGE_MARKER) });

    // Act
    const { trace_id: traceId } = await mediaCheck(url);
    const pushes = await standIn.flushMediaChecks();

    // Assess
    expect(pushes).toHaveLength(1);
    expect(pushes[0]?.message).toMatchObject({
      trace_id: traceId,
      result: { suggest: 'risky', label: WECHAT_TEST_RISKY_MEDIA_LABEL },
      detail: [{ suggest: 'risky', label: WECHAT_TEST_RISKY_MEDIA_LABEL }],
    });
    expect(openReceived(received[0] as Received)).toMatchObject({
      ok: true,
      message: { result: { suggest: 'risky' } },
    });
  });

  it('counts `success` and an empty answer as received, and nothing else', async () => {
    for (const [mode, delivered, attempts] of [
      ['success', true, 1],
      ['empty', true, 1],
      ['success-newline', false, 4],
      ['error-text', false, 4],
      ['status-500', false, 4],
    ] as const) {
      // Prepare
      receiverMode = mode;
      received.length = 0;
      const url = serve(`/${mode}.png`, { body: png(10, 10) });

      // Act
      await mediaCheck(url);
      const [push] = await standIn.flushMediaChecks();

      // Assess
      expect({ mode, delivered: push?.delivered, attempts: push?.attempts.length }).toEqual({
        mode,
        delivered,
        attempts,
      });
      expect(received).toHaveLength(attempts);
    }
  });

  it('retries a push URL that does not answer in time, three times, with the same push', async () => {
    // Prepare
    receiverMode = 'silent';
    const url = serve('/silent.png', { body: png(10, 10) });

    // Act
    await mediaCheck(url);
    const [push] = (await standIn.flushMediaChecks()) as [PushRecord];

    // Assess
    expect(push.delivered).toBe(false);
    expect(push.attempts.map((a) => a.error)).toEqual(['timeout', 'timeout', 'timeout', 'timeout']);
    expect(received).toHaveLength(4);
    expect(new Set(received.map((r) => `${JSON.stringify(r.query)}${r.body}`)).size).toBe(1);
  });

  it('lists the pushes over HTTP, by trace id too', async () => {
    // Prepare
    const first = await mediaCheck(serve('/list-1.png', { body: png(10, 10) }));
    await mediaCheck(serve('/list-2.png', { body: png(10, 10) }));
    await standIn.flushMediaChecks();

    // Act
    const all = (await (await fetch(`${standIn.url}/__stand-in/pushes`)).json()) as { pushes: PushRecord[] };
    const one = (await (await fetch(`${standIn.url}/__stand-in/pushes?trace_id=${first.trace_id}`)).json()) as {
      pushes: PushRecord[];
    };

    // Assess
    expect(all.pushes).toHaveLength(2);
    expect(one.pushes).toEqual([expect.objectContaining({ traceId: first.trace_id, delivered: true })]);
  });

  it('keeps verdicts queued while no push URL is configured, and delivers them when one is', async () => {
    // Prepare: a slow checker without a push URL
    const later = await startWechatStandIn(options({ pushUrl: undefined, mediaCheckDelayMs: 60_000 }));
    try {
      const url = serve('/queued.png', { body: png(10, 10) });
      await mediaCheck(url, {}, later.url);
      await mediaCheck(url, {}, later.url);

      // Act
      const flushedWithoutUrl = await postJson('/__stand-in/media-checks/flush', {}, later.url);
      later.setPushUrl(`${receiverUrl}/v1/wechat/events`);
      const flushed = await postJson('/__stand-in/media-checks/flush', {}, later.url);

      // Assess
      expect(flushedWithoutUrl.body).toEqual({ pushes: [], pending: 2 });
      expect(flushed.body).toMatchObject({ pending: 0, pushes: [{ delivered: true }, { delivered: true }] });
      expect(later.pendingMediaChecks()).toBe(0);
      expect(received).toHaveLength(2);
    } finally {
      await later.close();
    }
  });

  it('delivers a verdict that fell due before the push URL was known as soon as it is set', async () => {
    const early = await startWechatStandIn(options({ pushUrl: undefined, mediaCheckDelayMs: 10 }));
    try {
      await mediaCheck(serve('/early.png', { body: png(10, 10) }), {}, early.url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(early.pendingMediaChecks()).toBe(1);
      early.setPushUrl(`${receiverUrl}/v1/wechat/events`);
      await expect.poll(() => early.pushes().filter((p) => p.delivered).length, { timeout: 3000 }).toBe(1);
    } finally {
      await early.close();
    }
  });

  it('checks the push URL the way the mp console does (GET with echostr)', async () => {
    expect(await standIn.verifyPushUrl()).toBe(true);
    const get = received.find((r) => r.method === 'GET');
    expect(get?.query).toMatchObject({ signature: expect.any(String), echostr: expect.any(String) });
  });
});

// --- subscription messages -------------------------------------------------------------------------------------------

describe('wx.requestSubscribeMessage, as the stand-in’s /__stand-in/subscribe', () => {
  it('answers like WeChat’s client and adds one consent per accept', async () => {
    // Prepare
    const openid = standInOpenid(APP_ID, 'subscriber-1');

    // Act
    const first = await subscribe({ persona: 'subscriber-1', tmplIds: ['tmpl-progress', 'tmpl-task'] });
    const again = await subscribe({ openid, tmplIds: ['tmpl-progress'] });

    // Assess
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-progress': 'accept',
      'tmpl-task': 'accept',
    });
    expect(again.body).toEqual({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-progress': 'accept' });
    expect(standIn.consents(openid)).toEqual({ 'tmpl-progress': 2, 'tmpl-task': 1 });
  });

  it('records nothing for a reject', async () => {
    const reply = await subscribe({ persona: 'subscriber-2', tmplIds: ['tmpl-task'], answer: 'reject' });
    expect(reply.body).toEqual({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-task': 'reject' });
    expect(standIn.consents(standInOpenid(APP_ID, 'subscriber-2'))).toEqual({});
  });

  it('fails like WeChat’s client: more than 3 ids (20003), an unknown id (20001), none (10001), not a list (10004)', async () => {
    const four = await subscribe({
      persona: 'p',
      tmplIds: ['tmpl-progress', 'tmpl-task', 'tmpl-reply', 'tmpl-pickup'],
    });
    const unknown = await subscribe({ persona: 'p', tmplIds: ['tmpl-progress', 'tmpl-nope'] });
    const none = await subscribe({ persona: 'p', tmplIds: [] });
    const notList = await subscribe({ persona: 'p', tmplIds: 'tmpl-task' });
    expect(four.body).toEqual({
      errMsg: 'requestSubscribeMessage:fail Templates count out of max bounds',
      errCode: 20003,
    });
    expect(unknown.body).toMatchObject({ errCode: 20001 });
    expect(none.body).toMatchObject({ errCode: 10001 });
    expect(notList.body).toMatchObject({ errCode: 10004 });
    expect(standIn.consents(standInOpenid(APP_ID, 'p'))).toEqual({});
  });

  it('wants one of persona or openid', async () => {
    expect((await subscribe({ tmplIds: ['tmpl-task'] })).status).toBe(400);
    expect((await subscribe({ persona: 'x', openid: wang, tmplIds: ['tmpl-task'] })).status).toBe(400);
    expect((await subscribe({ openid: 'not-an-openid', tmplIds: ['tmpl-task'] })).status).toBe(400);
  });

  it('can be called from a browser page (CORS)', async () => {
    // Act
    const preflight = await fetch(`${standIn.url}/__stand-in/subscribe`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:10086', 'Access-Control-Request-Method': 'POST' },
    });
    const posted = await subscribe({ persona: 'browser', tmplIds: ['tmpl-task'] });

    // Assess
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(posted.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('subscribeMessage.send refuses what WeChat refuses', () => {
  // Each test its own person, so consents granted in one do not carry over.
  let person = 0;
  let who: string;
  beforeEach(() => {
    person += 1;
    who = standInOpenid(APP_ID, `sender-${person}`);
  });
  const sendTo = (overrides: Record<string, unknown> = {}) => send({ touser: who, ...overrides });
  it('sends one message per consent, then answers 43101', async () => {
    // Prepare
    standIn.grant(who, 'tmpl-task');

    // Act
    const first = await sendTo();
    const second = await sendTo();

    // Assess
    expect(first).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect(second).toEqual({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
    expect(await outbox()).toHaveLength(1);
    expect(standIn.consents(who)).toEqual({});
  });

  it('answers 43101 to someone who consented to another template only', async () => {
    standIn.grant(who, 'tmpl-reply');
    expect(await sendTo()).toMatchObject({ errcode: 43101 });
    expect(standIn.consents(who)).toEqual({ 'tmpl-reply': 1 });
  });

  it('refuses an unknown template (40037) and a bad openid (40003)', async () => {
    expect(await sendTo({ template_id: 'tmpl-nope' })).toMatchObject({ errcode: 40037 });
    expect(await sendTo({ touser: 'o-resident' })).toMatchObject({ errcode: 40003 });
  });

  it('refuses data whose keys are not the template’s, or whose values break a limit (47003), spending no consent', async () => {
    // Prepare
    standIn.grant(who, 'tmpl-task', 1);
    const good = { thing1: { value: '楼道灯坏了' }, time2: { value: '2026-05-01 10:00' }, thing3: { value: '请处理' } };

    // Act
    const missing = await sendTo({ data: { thing1: good.thing1, time2: good.time2 } });
    const extra = await sendTo({ data: { ...good, thing4: { value: '多余' } } });
    const tooLong = await sendTo({ data: { ...good, thing1: { value: '这'.repeat(21) } } });
    const badTime = await sendTo({ data: { ...good, time2: { value: '明天上午' } } });

    // Assess
    expect(missing).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.thing3.value invalid' });
    expect(extra).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.thing4 invalid' });
    expect(tooLong).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });
    expect(badTime).toMatchObject({ errcode: 47003 });
    expect(standIn.consents(who)).toEqual({ 'tmpl-task': 1 });
    expect(await outbox()).toEqual([]);
  });
});

// --- faults ----------------------------------------------------------------------------------------------------------

describe('The stand-in’s faults', () => {
  const check = (token: string) =>
    postJson(`/wxa/msg_sec_check?access_token=${token}`, { content: '你好', version: 2, scene: 2, openid: wang });

  it('expires every token (42001); a new stable_token works', async () => {
    // Prepare
    const before = await stableToken();

    // Act
    const set = await postJson('/__stand-in/faults', { expireTokens: true });
    const expired = await check(before);
    const after = await stableToken();

    // Assess
    expect(set.status).toBe(200);
    expect(expired.body).toMatchObject({ errcode: 42001 });
    expect(after).not.toBe(before);
    expect((await check(after)).body).toMatchObject({ errcode: 0 });
  });

  it('revokes every token (40001)', async () => {
    const before = await stableToken();
    await postJson('/__stand-in/faults', { revokeTokens: true });
    expect((await check(before)).body).toMatchObject({ errcode: 40001 });
  });

  it('makes a forced refresh invalidate the previous stable token, as WeChat does', async () => {
    const before = await stableToken();
    const forced = await stableToken(APP_SECRET, true);
    expect(forced).not.toBe(before);
    expect((await check(before)).body).toMatchObject({ errcode: 40001 });
    expect((await check(forced)).body).toMatchObject({ errcode: 0 });
  });

  it('spends a quota: token-authenticated APIs answer 45009 or 45011 until it is cleared', async () => {
    // Prepare
    const token = await stableToken();

    // Act
    await postJson('/__stand-in/faults', { quota: 45009 });
    const daily = await check(token);
    await postJson('/__stand-in/faults', { quota: 45011 });
    const minute = await check(token);
    const tokenStillIssued = await stableToken();
    await postJson('/__stand-in/faults', { quota: null });
    const cleared = await check(token);

    // Assess
    expect(daily.body).toMatchObject({ errcode: 45009 });
    expect(minute.body).toMatchObject({ errcode: 45011 });
    expect(tokenStillIssued).toBe(token);
    expect(cleared.body).toMatchObject({ errcode: 0 });
  });

  it('is busy: every API answers -1 system error, the control endpoints still answer', async () => {
    // Prepare
    const token = await stableToken();
    await postJson('/__stand-in/faults', { busy: true });

    // Act
    const tokenReply = await postJson('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: APP_SECRET,
    });
    const login = await (await fetch(`${standIn.url}/sns/jscode2session?appid=${APP_ID}`)).json();
    const checked = await check(token);
    const faults = await (await fetch(`${standIn.url}/__stand-in/faults`)).json();

    // Assess
    for (const reply of [tokenReply.body, login, checked.body])
      expect(reply).toEqual({ errcode: -1, errmsg: 'system error' });
    expect(faults).toEqual({ faults: { quota: null, busy: true, delayMs: 0, secretReset: false } });
  });

  it('is slow: each answer waits delayMs', async () => {
    // Prepare
    const token = await stableToken();
    await postJson('/__stand-in/faults', { delayMs: 300 });

    // Act
    const started = Date.now();
    const reply = await check(token);
    const took = Date.now() - started;

    // Assess
    expect(reply.body).toMatchObject({ errcode: 0 });
    expect(took).toBeGreaterThanOrEqual(290);
  });

  it('resets the appsecret: the old one answers 40125, the new one works, clearing restores it', async () => {
    // Act
    await postJson('/__stand-in/faults', { resetSecret: 'the-new-secret' });
    const old = await postJson('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: APP_SECRET,
    });
    const login = await (
      await fetch(
        `${standIn.url}/sns/jscode2session?appid=${APP_ID}&secret=${APP_SECRET}&js_code=x.1&grant_type=authorization_code`,
      )
    ).json();
    const fresh = await stableToken('the-new-secret');
    const cleared = await fetch(`${standIn.url}/__stand-in/faults`, { method: 'DELETE' });

    // Assess
    expect(old.body).toMatchObject({ errcode: 40125 });
    expect(login).toMatchObject({ errcode: 40125 });
    expect(fresh).toEqual(expect.any(String));
    expect(await cleared.json()).toEqual({ faults: { quota: null, busy: false, delayMs: 0, secretReset: false } });
    expect(await stableToken(APP_SECRET)).toEqual(expect.any(String));
  });

  it('refuses faults it does not know or values it cannot use', async () => {
    expect((await postJson('/__stand-in/faults', { outage: true })).status).toBe(400);
    expect((await postJson('/__stand-in/faults', { quota: 40001 })).status).toBe(400);
    expect((await postJson('/__stand-in/faults', { delayMs: -1 })).status).toBe(400);
    expect((await postJson('/__stand-in/faults', { resetSecret: '' })).status).toBe(400);
  });
});
