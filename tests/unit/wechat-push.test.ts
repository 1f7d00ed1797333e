import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptPush, openPush, pushSignature, verifyUrl } from '../../functions/src/clients/wechat-push.js';
import { sealPush } from '../../infra/local/wechat-stand-in.js';

const TOKEN = 'linliPushToken01';
const AES_KEY = 'Q2hhbmdlTWVJbnRoZU1wQ29uc29sZVBsZWFzZTEyMzQ';
const APP_ID = 'wx0000unit0000linli';
const NOW = new Date('2026-05-01T02:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

const verdict = {
  ToUserName: 'gh_0123456789ab',
  FromUserName: 'oPlatform',
  CreateTime: NOW_SECONDS,
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: APP_ID,
  trace_id: '63903bb8-50b3cf02-792158f9',
  version: 2,
  detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90 }],
  errcode: 0,
  errmsg: 'ok',
  result: { suggest: 'risky', label: 20002 },
};

/** A push as the stand-in seals it, with the stand-in's own code path. */
function sealed(overrides: { appId?: string; timestamp?: number; message?: Record<string, unknown> } = {}) {
  const { query, body } = sealPush({
    token: TOKEN,
    aesKey: AES_KEY,
    appId: overrides.appId ?? APP_ID,
    toUserName: 'gh_0123456789ab',
    message: overrides.message ?? verdict,
    timestamp: overrides.timestamp ?? NOW_SECONDS,
    nonce: '1320562132',
  });
  return { query: { ...query } as Record<string, string>, body };
}

function open(query: Record<string, string>, body: unknown, now = NOW) {
  return openPush({
    token: TOKEN,
    aesKey: AES_KEY,
    appId: APP_ID,
    query: {
      signature: query.signature ?? '',
      timestamp: query.timestamp ?? '',
      nonce: query.nonce ?? '',
      msg_signature: query.msg_signature ?? '',
      encrypt_type: query.encrypt_type ?? '',
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    now,
  });
}

describe('Checking the push URL (GET with echostr)', () => {
  it('accepts the example of WeChat’s message-push documentation', () => {
    // Token "AAAAA", from developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html
    expect(
      verifyUrl({
        token: 'AAAAA',
        signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696',
        timestamp: '1714036504',
        nonce: '1514711492',
      }),
    ).toBe(true);
  });

  it('refuses a wrong token, a changed nonce and a signature that is not sha1 hex', () => {
    const good = {
      signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696',
      timestamp: '1714036504',
      nonce: '1514711492',
    };
    expect(verifyUrl({ token: 'BBBBB', ...good })).toBe(false);
    expect(verifyUrl({ token: 'AAAAA', ...good, nonce: '1514711493' })).toBe(false);
    expect(verifyUrl({ token: 'AAAAA', ...good, signature: 'F464B24FC39322E44B38AA78F5EDD27BD1441696x' })).toBe(false);
    expect(verifyUrl({ token: 'AAAAA', ...good, signature: '' })).toBe(false);
  });
});

describe('WeChat’s own sample (WXBizMsgCrypt)', () => {
  // The vector of WeChat's WXBizMsgCrypt sample code: token "spamtest", the sample EncodingAESKey, appid wx2c2769f8efd9abc2.
  const sample = {
    token: 'spamtest',
    aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    appId: 'wx2c2769f8efd9abc2',
    timestamp: '1409735669',
    nonce: '1320562132',
    msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
    encrypt:
      'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9' +
      'FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3y' +
      't+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6' +
      'h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
  };

  it('has the msg_signature WeChat computed', () => {
    expect(pushSignature(sample.token, sample.timestamp, sample.nonce, sample.encrypt)).toBe(sample.msgSignature);
  });

  it('decrypts to WeChat’s sample message and appid', () => {
    // Act
    const opened = decryptPush(sample.aesKey, sample.encrypt);

    // Assess
    expect(opened?.appId).toBe(sample.appId);
    expect(opened?.message).toContain('<ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>');
    expect(opened?.message).toContain('<Content><![CDATA[abcdteT]]></Content>');
  });

  it('is opened as far as the JSON (the sample is XML, so the last step refuses it)', () => {
    // Prepare
    const query = {
      signature: pushSignature(sample.token, sample.timestamp, sample.nonce),
      timestamp: sample.timestamp,
      nonce: sample.nonce,
      msg_signature: sample.msgSignature,
      encrypt_type: 'aes',
    };

    // Act
    const opened = openPush({
      token: sample.token,
      aesKey: sample.aesKey,
      appId: sample.appId,
      query,
      body: JSON.stringify({ ToUserName: 'gh_10f6c3c3ac5a', Encrypt: sample.encrypt }),
      now: new Date(1409735669 * 1000),
    });
    const otherApp = openPush({
      token: sample.token,
      aesKey: sample.aesKey,
      appId: 'wx0000other',
      query,
      body: JSON.stringify({ ToUserName: 'gh_10f6c3c3ac5a', Encrypt: sample.encrypt }),
      now: new Date(1409735669 * 1000),
    });

    // Assess
    expect(opened).toEqual({ ok: false, reason: 'malformed' });
    expect(otherApp).toEqual({ ok: false, reason: 'appid' });
  });
});

describe('Opening a push sealed by the WeChat stand-in', () => {
  it('gives the message, the nonce and the timestamp', () => {
    // Prepare
    const { query, body } = sealed();

    // Act
    const opened = open(query, body);

    // Assess
    expect(opened).toEqual({ ok: true, message: verdict, nonce: '1320562132', timestamp: NOW_SECONDS });
    expect(query.encrypt_type).toBe('aes');
  });

  it('keeps Chinese text and long messages intact', () => {
    // Prepare: a message whose length is not a multiple of the block, with multi-byte characters
    const message = { ...verdict, note: '楼道灯坏了'.repeat(50) };
    const { query, body } = sealed({ message });

    // Act
    const opened = open(query, body);

    // Assess
    expect(opened).toMatchObject({ ok: true, message });
  });

  it('refuses a forged query signature', () => {
    const { query, body } = sealed();
    const forged = { ...query, signature: pushSignature('not-the-token', query.timestamp ?? '', query.nonce ?? '') };
    expect(open(forged, body)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a tampered Encrypt by its msg_signature', () => {
    // Prepare: flip one character of the ciphertext
    const { query, body } = sealed();
    const flipped = body.Encrypt[10] === 'A' ? 'B' : 'A';
    const tampered = { ...body, Encrypt: `${body.Encrypt.slice(0, 10)}${flipped}${body.Encrypt.slice(11)}` };

    // Act
    const opened = open(query, tampered);

    // Assess
    expect(opened).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a correctly signed Encrypt that does not decrypt to WeChat’s layout', () => {
    // Prepare: someone who knows the token but not the key signs a ciphertext of their own
    const { query } = sealed();
    const encrypt = Buffer.alloc(64, 7).toString('base64');
    const resigned = {
      ...query,
      msg_signature: pushSignature(TOKEN, query.timestamp ?? '', query.nonce ?? '', encrypt),
    };

    // Act
    const opened = open(resigned, { ToUserName: 'gh_0123456789ab', Encrypt: encrypt });

    // Assess
    expect(opened).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a push sealed for another appid', () => {
    const { query, body } = sealed({ appId: 'wx0000someone0else' });
    expect(open(query, body)).toEqual({ ok: false, reason: 'appid' });
  });

  it('refuses a timestamp more than five minutes away, either way', () => {
    const old = sealed({ timestamp: NOW_SECONDS - 301 });
    const future = sealed({ timestamp: NOW_SECONDS + 301 });
    const edge = sealed({ timestamp: NOW_SECONDS - 300 });
    expect(open(old.query, old.body)).toEqual({ ok: false, reason: 'stale' });
    expect(open(future.query, future.body)).toEqual({ ok: false, reason: 'stale' });
    expect(open(edge.query, edge.body)).toMatchObject({ ok: true });
  });

  it('refuses a push that is not in safe mode or whose body is not JSON', () => {
    const { query, body } = sealed();
    expect(open({ ...query, encrypt_type: 'raw' }, body)).toEqual({ ok: false, reason: 'malformed' });
    expect(open({ ...query, timestamp: 'soon' }, body)).toEqual({ ok: false, reason: 'malformed' });
    expect(open(query, '<xml><Encrypt>x</Encrypt></xml>')).toEqual({ ok: false, reason: 'malformed' });
    expect(open(query, { ToUserName: 'gh_0123456789ab' })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a decrypted message that is not a JSON object', () => {
    // Prepare: a well-sealed push whose message is a JSON array
    const { query, body } = sealPush({
      token: TOKEN,
      aesKey: AES_KEY,
      appId: APP_ID,
      toUserName: 'gh_0123456789ab',
      message: [1, 2, 3] as unknown as Record<string, unknown>,
      timestamp: NOW_SECONDS,
      nonce: '42',
    });

    // Act
    const opened = open({ ...query }, body);

    // Assess
    expect(opened).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('Decrypting checks the layout WeChat encrypts', () => {
  /** Encrypts `plain` as it is (no padding added), with the test key. */
  function encryptRaw(plain: Buffer): string {
    const key = Buffer.from(`${AES_KEY}=`, 'base64');
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  function layout(msg: string, appId: string, declaredLength = Buffer.byteLength(msg)): Buffer {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(declaredLength);
    return Buffer.concat([Buffer.alloc(16, 1), length, Buffer.from(msg), Buffer.from(appId)]);
  }

  function padded(content: Buffer, padByte?: number, breakAt?: number): Buffer {
    const pad = 32 - (content.length % 32);
    const tail = Buffer.alloc(pad, padByte ?? pad);
    if (breakAt !== undefined) tail[breakAt] = 0;
    return Buffer.concat([content, tail]);
  }

  it('opens a well-formed one', () => {
    expect(decryptPush(AES_KEY, encryptRaw(padded(layout('{"a":1}', APP_ID))))).toEqual({
      message: '{"a":1}',
      appId: APP_ID,
    });
  });

  it('refuses padding bytes that disagree, a zero pad, and a pad longer than a block', () => {
    // Prepare
    const content = layout('{"a":1}', APP_ID);

    // Act
    const disagreeing = decryptPush(AES_KEY, encryptRaw(padded(content, undefined, 0)));
    const zero = decryptPush(
      AES_KEY,
      encryptRaw(Buffer.concat([content, Buffer.alloc(32 - (content.length % 32), 0)])),
    );
    const tooLong = decryptPush(
      AES_KEY,
      encryptRaw(Buffer.concat([content, Buffer.alloc(32 - (content.length % 32), 33)])),
    );

    // Assess
    expect(disagreeing).toBeNull();
    expect(zero).toBeNull();
    expect(tooLong).toBeNull();
  });

  it('refuses a declared message length past the end, a truncated ciphertext and a bad key', () => {
    const lying = layout('{"a":1}', APP_ID, 4096);
    expect(decryptPush(AES_KEY, encryptRaw(padded(lying)))).toBeNull();
    const { body } = sealed();
    expect(decryptPush(AES_KEY, body.Encrypt.slice(0, 40))).toBeNull();
    expect(decryptPush('short', body.Encrypt)).toBeNull();
    expect(decryptPush(AES_KEY, 'not base64!')).toBeNull();
  });
});
