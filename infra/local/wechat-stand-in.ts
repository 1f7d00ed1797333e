/**
 * A local stand-in for the WeChat server APIs the backend calls: login,
 * access tokens, content checks, subscription messages and mini-program codes.
 * It speaks WeChat's HTTP shapes (HTTP 200 with `errcode`/`errmsg`), so the
 * real client in functions/src/clients/wechat.ts runs against it unchanged.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import { httpUrl, listenOn } from './ports.js';

/** Text containing this word is judged risky by the local content check. */
export const WECHAT_TEST_RISKY_WORD = '违禁测试';
/** Image bytes containing this ASCII marker are judged risky by the local image check. */
export const WECHAT_TEST_RISKY_IMAGE_MARKER = 'RISKY-IMAGE';
/** The label the local content check gives risky text (20001 = 时政 in WeChat's table). */
export const WECHAT_TEST_RISKY_LABEL = 20001;

const TOKEN_TTL_SECONDS = 7200;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
/** `wang.1`: the person (`wang`), then anything that makes the code fresh. */
const LOGIN_CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9_.-]{0,64})?$/;
const PAGE_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export interface SubscribeValue {
  value: string;
}

export interface SentMessage {
  msgid: number;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, SubscribeValue>;
  miniprogram_state?: string;
  lang?: string;
  sentAt: string;
}

export interface WechatStandIn {
  url: string;
  outbox(): SentMessage[];
  clearOutbox(): void;
  /** Invalidates every access token, as a token refresh elsewhere would. */
  revokeTokens(): void;
  close(): Promise<void>;
}

export interface WechatStandInOptions {
  port: number;
  host?: string;
  appId: string;
  appSecret: string;
}

interface WechatError {
  errcode: number;
  errmsg: string;
}

const ERR = {
  systemError: { errcode: -1, errmsg: 'system error' },
  notFound: { errcode: -1, errmsg: 'not found' },
  invalidCredential: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  invalidGrantType: { errcode: 40002, errmsg: 'invalid grant_type' },
  invalidOpenid: { errcode: 40003, errmsg: 'invalid openid' },
  invalidAppid: { errcode: 40013, errmsg: 'invalid appid' },
  invalidCode: { errcode: 40029, errmsg: 'invalid code' },
  invalidTemplateId: { errcode: 40037, errmsg: 'invalid template_id' },
  invalidArgs: { errcode: 40097, errmsg: 'invalid args' },
  invalidAppSecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  codeUsed: { errcode: 40163, errmsg: 'code been used' },
  invalidScene: { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json' },
  mediaMissing: { errcode: 41005, errmsg: 'media data missing' },
  invalidPage: { errcode: 41030, errmsg: 'invalid page' },
  tokenExpired: { errcode: 42001, errmsg: 'access_token expired' },
  requireGet: { errcode: 43001, errmsg: 'require GET method' },
  requirePost: { errcode: 43002, errmsg: 'require POST method' },
  dataFormat: { errcode: 47001, errmsg: 'data format error' },
  risky: { errcode: 87014, errmsg: 'risky content' },
} satisfies Record<string, WechatError>;

/** The openid the stand-in gives the person named by a login code (`wang.1` → person `wang`). */
export function standInOpenid(appId: string, codeOrPerson: string): string {
  return `o${digest(`openid:${appId}:${personOf(codeOrPerson)}`).slice(0, 27)}`;
}

/** Same person across apps of one open platform account, like a real unionid. */
export function standInUnionid(codeOrPerson: string): string {
  return `o${digest(`unionid:${personOf(codeOrPerson)}`).slice(0, 27)}`;
}

/** True when `scene` is what `getwxacodeunlimit` accepts. */
export function isValidScene(scene: unknown): scene is string {
  return typeof scene === 'string' && SCENE_PATTERN.test(scene);
}

/**
 * Checks subscription message data the way WeChat does, by the type prefix of
 * each key (`thing1` is a `thing`). Returns the offending path, or null.
 */
export function findInvalidSubscribeField(data: unknown): string | null {
  if (!isRecord(data) || Object.keys(data).length === 0) return 'data';
  for (const [key, entry] of Object.entries(data)) {
    const path = `data.${key}.value`;
    if (!isRecord(entry) || typeof entry.value !== 'string') return path;
    if (!isValidFieldValue(key.replace(/\d+$/, ''), entry.value)) return path;
  }
  return null;
}

function isValidFieldValue(type: string, value: string): boolean {
  const length = [...value].length;
  if (length === 0) return false;
  switch (type) {
    case 'thing':
      return length <= 20;
    case 'short_thing':
      return length <= 5;
    case 'phrase':
      return length <= 5 && /^\p{Script=Han}+$/u.test(value);
    case 'character_string':
      return length <= 32 && /^[\x21-\x7e]+$/.test(value);
    case 'number':
      return length <= 32 && /^-?\d+(\.\d+)?$/.test(value);
    case 'name':
      return /^[\p{Script=Han}·]+$/u.test(value) ? length <= 10 : length <= 20;
    case 'letter':
      return length <= 32 && /^[A-Za-z]+$/.test(value);
    case 'symbol':
      return length <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(value);
    case 'amount':
      return length <= 11 && /^[¥$€£]?\d+(\.\d{1,2})?元?$/.test(value);
    case 'phone_number':
      return length <= 17 && /^[\d+\-()\s]+$/.test(value);
    case 'car_number':
      return length <= 8;
    case 'time':
    case 'date':
      return isDateTimeValue(value);
    default:
      return false;
  }
}

/** The date/time spellings WeChat accepts in `time` and `date` fields. */
export function isDateTimeValue(value: string): boolean {
  const date = String.raw`\d{4}(?<sep>[-/])\d{1,2}\k<sep>\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日`;
  const time = String.raw`\d{1,2}:\d{2}(:\d{2})?`;
  const patterns = [
    new RegExp(`^(${date})$`),
    new RegExp(`^(${date})[ T]?(${time})$`),
    new RegExp(`^${time}$`),
    new RegExp(`^(${date})[ T]?(${time})\\s*[~至-]\\s*(${time})$`),
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
  ];
  return patterns.some((pattern) => pattern.test(value));
}

export async function startWechatStandIn(opts: WechatStandInOptions): Promise<WechatStandIn> {
  const host = opts.host ?? '127.0.0.1';
  const usedCodes = new Set<string>();
  /** token → expiry (epoch ms) */
  const tokens = new Map<string, number>();
  let stableToken: string | undefined;
  let messages: SentMessage[] = [];
  let nextMsgId = 2_000_000_001;

  const credentialsError = (appid: unknown, secret: unknown): WechatError | null => {
    if (appid !== opts.appId) return ERR.invalidAppid;
    if (typeof secret !== 'string' || !sameString(secret, opts.appSecret)) return ERR.invalidAppSecret;
    return null;
  };

  const issueToken = (): { access_token: string; expires_in: number } => {
    const token = `${randomBytes(60).toString('base64url')}`;
    tokens.set(token, Date.now() + TOKEN_TTL_SECONDS * 1000);
    return { access_token: token, expires_in: TOKEN_TTL_SECONDS };
  };

  const tokenError = (url: URL): WechatError | null => {
    const token = url.searchParams.get('access_token');
    const expiresAt = token === null ? undefined : tokens.get(token);
    if (expiresAt === undefined) return ERR.invalidCredential;
    if (expiresAt <= Date.now()) return ERR.tokenExpired;
    return null;
  };

  const code2Session = (url: URL): object => {
    const q = url.searchParams;
    const bad = credentialsError(q.get('appid'), q.get('secret'));
    if (bad) return bad;
    if (q.get('grant_type') !== 'authorization_code') return ERR.invalidGrantType;
    const code = q.get('js_code') ?? '';
    if (!LOGIN_CODE_PATTERN.test(code)) return ERR.invalidCode;
    if (usedCodes.has(code)) return ERR.codeUsed;
    usedCodes.add(code);
    return {
      openid: standInOpenid(opts.appId, code),
      session_key: randomBytes(16).toString('base64'),
      unionid: standInUnionid(code),
    };
  };

  const token = (url: URL): object => {
    const q = url.searchParams;
    if (q.get('grant_type') !== 'client_credential') return ERR.invalidGrantType;
    return credentialsError(q.get('appid'), q.get('secret')) ?? issueToken();
  };

  const stableTokenEndpoint = (body: Record<string, unknown>): object => {
    if (body.grant_type !== 'client_credential') return ERR.invalidGrantType;
    const bad = credentialsError(body.appid, body.secret);
    if (bad) return bad;
    const current = stableToken === undefined ? undefined : tokens.get(stableToken);
    // Like WeChat: the stable token is handed out again until it expires or is force-refreshed.
    if (stableToken !== undefined && current !== undefined && current > Date.now() && body.force_refresh !== true) {
      return { access_token: stableToken, expires_in: Math.floor((current - Date.now()) / 1000) };
    }
    const issued = issueToken();
    stableToken = issued.access_token;
    return issued;
  };

  const msgSecCheck = (body: Record<string, unknown>): object => {
    if (typeof body.content !== 'string') return ERR.dataFormat;
    const risky = body.content.includes(WECHAT_TEST_RISKY_WORD);
    if (body.version !== 2) return risky ? ERR.risky : { errcode: 0, errmsg: 'ok' };
    if (typeof body.openid !== 'string' || body.openid === '') return ERR.invalidOpenid;
    if (![1, 2, 3, 4].includes(body.scene as number)) return ERR.invalidArgs;
    const suggest = risky ? 'risky' : 'pass';
    const label = risky ? WECHAT_TEST_RISKY_LABEL : 100;
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: risky ? 90 : 0 },
        {
          strategy: 'keyword',
          errcode: 0,
          suggest,
          label,
          level: risky ? 20 : 0,
          ...(risky ? { keyword: WECHAT_TEST_RISKY_WORD } : {}),
        },
      ],
      trace_id: randomBytes(12).toString('hex'),
    };
  };

  const imgSecCheck = (req: IncomingMessage, body: Buffer): object => {
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data;.*boundary=/i.test(contentType)) return ERR.mediaMissing;
    if (!/content-disposition:\s*form-data;[^\r\n]*\bname="?media"?/i.test(body.toString('latin1'))) {
      return ERR.mediaMissing;
    }
    // Keep it simple: the marker anywhere in the upload decides.
    return body.includes(WECHAT_TEST_RISKY_IMAGE_MARKER) ? ERR.risky : { errcode: 0, errmsg: 'ok' };
  };

  const subscribeSend = (body: Record<string, unknown>): object => {
    if (typeof body.touser !== 'string' || body.touser === '') return ERR.invalidOpenid;
    if (typeof body.template_id !== 'string' || body.template_id === '') return ERR.invalidTemplateId;
    if (body.page !== undefined && typeof body.page !== 'string') return argumentInvalid('page');
    const states = ['developer', 'trial', 'formal'];
    if (body.miniprogram_state !== undefined && !states.includes(body.miniprogram_state as string)) {
      return argumentInvalid('miniprogram_state');
    }
    const langs = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];
    if (body.lang !== undefined && !langs.includes(body.lang as string)) return argumentInvalid('lang');
    const invalid = findInvalidSubscribeField(body.data);
    if (invalid) return argumentInvalid(invalid);
    const msgid = nextMsgId++;
    messages.push({
      msgid,
      touser: body.touser,
      template_id: body.template_id,
      ...(body.page === undefined ? {} : { page: body.page as string }),
      data: body.data as Record<string, SubscribeValue>,
      ...(body.miniprogram_state === undefined ? {} : { miniprogram_state: body.miniprogram_state as string }),
      ...(body.lang === undefined ? {} : { lang: body.lang as string }),
      sentAt: new Date().toISOString(),
    });
    return { errcode: 0, errmsg: 'ok', msgid };
  };

  const wxaCode = async (body: Record<string, unknown>, res: ServerResponse): Promise<object | null> => {
    if (!isValidScene(body.scene)) return ERR.invalidScene;
    const page = body.page ?? '';
    if (typeof page !== 'string' || (page !== '' && !PAGE_PATTERN.test(page))) return ERR.invalidPage;
    const width = body.width === undefined ? 430 : body.width;
    if (typeof width !== 'number' || !Number.isFinite(width)) return ERR.dataFormat;
    const envVersions = ['release', 'trial', 'develop'];
    if (body.env_version !== undefined && !envVersions.includes(body.env_version as string)) {
      return ERR.invalidArgs;
    }
    const text = `https://mp.weixin.qq.com/a/linli?page=${page}&scene=${encodeURIComponent(body.scene)}`;
    const png = await QRCode.toBuffer(text, {
      type: 'png',
      width: Math.min(1280, Math.max(280, Math.round(width))),
      margin: 2,
      errorCorrectionLevel: 'M',
    });
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length });
    res.end(png);
    return null;
  };

  const outboxEndpoint = (method: string, url: URL): object => {
    if (method === 'DELETE') {
      messages = [];
      return { errcode: 0, errmsg: 'ok' };
    }
    const touser = url.searchParams.get('touser');
    const templateId = url.searchParams.get('template_id');
    return {
      messages: messages.filter(
        (m) => (touser === null || m.touser === touser) && (templateId === null || m.template_id === templateId),
      ),
    };
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<object | null> => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const post = async (handle: (body: Record<string, unknown>) => object | Promise<object | null>) => {
      if (method !== 'POST') return ERR.requirePost;
      const raw = await readBody(req);
      if (raw === null) return ERR.dataFormat;
      const body = parseJsonObject(raw);
      return body === null ? ERR.dataFormat : handle(body);
    };
    const withToken = async (handle: (body: Record<string, unknown>) => object | Promise<object | null>) =>
      tokenError(url) ?? post(handle);

    switch (url.pathname) {
      case '/sns/jscode2session':
        return method === 'GET' ? code2Session(url) : ERR.requireGet;
      case '/cgi-bin/token':
        return method === 'GET' ? token(url) : ERR.requireGet;
      case '/cgi-bin/stable_token':
        return post(stableTokenEndpoint);
      case '/wxa/msg_sec_check':
        return withToken(msgSecCheck);
      case '/wxa/img_sec_check': {
        const bad = tokenError(url) ?? (method === 'POST' ? null : ERR.requirePost);
        if (bad) return bad;
        const raw = await readBody(req);
        return raw === null ? { errcode: 40006, errmsg: 'invalid media size' } : imgSecCheck(req, raw);
      }
      case '/cgi-bin/message/subscribe/send':
        return withToken(subscribeSend);
      case '/wxa/getwxacodeunlimit':
        return withToken((body) => wxaCode(body, res));
      case '/__stand-in/outbox':
        return method === 'GET' || method === 'DELETE' ? outboxEndpoint(method, url) : ERR.notFound;
      default:
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(ERR.notFound));
        return null;
    }
  };

  const server = createServer((req, res) => {
    route(req, res)
      .then((body) => {
        if (body !== null) sendJson(res, body);
      })
      .catch((error: unknown) => {
        console.error('[wechat-stand-in]', error);
        if (!res.headersSent) sendJson(res, ERR.systemError);
        else res.destroy();
      });
  });
  const port = await listenOn(server, opts.port, host);

  return {
    url: httpUrl(host, port),
    outbox: () => messages.map((m) => structuredClone(m)),
    clearOutbox: () => {
      messages = [];
    },
    revokeTokens: () => {
      tokens.clear();
      stableToken = undefined;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function argumentInvalid(path: string): WechatError {
  return { errcode: 47003, errmsg: `argument invalid! ${path} invalid` };
}

function personOf(code: string): string {
  return code.split('.')[0] ?? code;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonObject(raw: Buffer): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The whole body, or null when it is over the limit (the rest is discarded, not buffered). */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  return tooLarge ? null : Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
