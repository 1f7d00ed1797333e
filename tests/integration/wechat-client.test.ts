import { UnauthorizedError, UpstreamError } from '@linli/shared';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWechatClient } from '../../functions/src/clients/wechat.js';
import {
  type SentMessage,
  startWechatStandIn,
  WECHAT_TEST_RISKY_IMAGE_MARKER,
  WECHAT_TEST_RISKY_LABEL,
  WECHAT_TEST_RISKY_WORD,
  type WechatStandIn,
} from '../../infra/local/wechat-stand-in.js';

const APP_ID = 'wx0000test0000linli';
const APP_SECRET = 'test-secret-0123456789abcdef';

let standIn: WechatStandIn;

beforeAll(async () => {
  standIn = await startWechatStandIn({ port: 0, appId: APP_ID, appSecret: APP_SECRET });
});

afterAll(async () => {
  await standIn.close();
});

/** A fetch that records the paths it was asked for, so tests can count token requests. */
function countingFetch() {
  const paths: string[] = [];
  const counted: typeof fetch = (input, init) => {
    paths.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };
  return { fetch: counted, tokenRequests: () => paths.filter((p) => /^\/cgi-bin\/(stable_)?token$/.test(p)).length };
}

function client(overrides: { appSecret?: string; fetch?: typeof fetch; timeoutMs?: number } = {}) {
  return createWechatClient({
    baseUrl: standIn.url,
    appId: APP_ID,
    appSecret: async () => overrides.appSecret ?? APP_SECRET,
    fetch: overrides.fetch,
    timeoutMs: overrides.timeoutMs,
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
    // Act
    await client().sendSubscribeMessage({
      openid: 'o-resident',
      templateId: 'tmpl-feedback-progress',
      page: 'pages/feedback/detail?id=f1',
      data: { thing1: '楼道灯坏了', phrase2: '已受理', time3: '2025-05-01 10:00' },
      miniprogramState: 'developer',
    });

    // Assess
    const messages = await outbox();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      touser: 'o-resident',
      template_id: 'tmpl-feedback-progress',
      page: 'pages/feedback/detail?id=f1',
      data: { thing1: { value: '楼道灯坏了' }, phrase2: { value: '已受理' }, time3: { value: '2025-05-01 10:00' } },
    });
    expect(standIn.outbox()).toHaveLength(1);
  });

  it('is refused when a thing value is longer than 20 characters', async () => {
    // Act
    const error = await rejection(
      client().sendSubscribeMessage({
        openid: 'o-resident',
        templateId: 'tmpl-feedback-progress',
        data: { thing1: '这是一段明显超过二十个字的反馈标题，不能放进模板' },
      }),
    );

    // Assess
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ cause: { errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' } });
    expect(await outbox()).toEqual([]);
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
    const check = (bytes: string) => {
      const form = new FormData();
      form.append('media', new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
      return fetch(`${standIn.url}/wxa/img_sec_check?access_token=${token}`, { method: 'POST', body: form });
    };

    // Act
    const plain = await (await check('\xff\xd8 ordinary photo')).json();
    const risky = await (await check(`\xff\xd8 ${WECHAT_TEST_RISKY_IMAGE_MARKER} photo`)).json();

    // Assess
    expect(plain).toMatchObject({ errcode: 0 });
    expect(risky).toMatchObject({ errcode: 87014 });
  });
});
