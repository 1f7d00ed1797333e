/**
 * A local stand-in for the WeChat server APIs the backend calls: login,
 * access tokens, content checks, subscription messages and mini-program codes,
 * and the message pushes (消息推送) WeChat sends back to the backend.
 * It speaks WeChat's HTTP shapes (HTTP 200 with `errcode`/`errmsg`), so the
 * real client in functions/src/clients/wechat.ts runs against it unchanged.
 *
 * Rule of the house: it is as strict as WeChat, never kinder. Where it has to
 * choose an error code WeChat does not document for a case, the comment at
 * that rule says which one and why.
 *
 * Control endpoints for tests and the local stack live under `/__stand-in/`
 * (CORS-open, so the H5 build can act as the WeChat client):
 * - `GET|DELETE /__stand-in/outbox`: subscription messages WeChat accepted.
 * - `POST /__stand-in/subscribe`: what `wx.requestSubscribeMessage` does (grants consents).
 * - `GET|POST|DELETE /__stand-in/faults`: expired/revoked tokens, quotas, outages, slowness, a reset secret.
 * - `GET|DELETE /__stand-in/pushes`: the message pushes delivered (or tried).
 * - `POST /__stand-in/media-checks/flush`: deliver every pending `wxa_media_check` push now.
 */
import { createCipheriv, createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import { httpUrl, listenOn } from './ports.js';

/** Text containing this word is judged risky by the local content check. */
export const WECHAT_TEST_RISKY_WORD = '违禁测试';
/** Image bytes containing this ASCII marker are judged risky by the local image checks. */
export const WECHAT_TEST_RISKY_IMAGE_MARKER = 'RISKY-IMAGE';
/** The label the local content check gives risky text (20001 = 时政 in WeChat's table). */
export const WECHAT_TEST_RISKY_LABEL = 20001;
/** The label the local media check gives risky images and audio (20002 = 色情 in WeChat's table). */
export const WECHAT_TEST_RISKY_MEDIA_LABEL = 20002;

const TOKEN_TTL_SECONDS = 7200;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** img_sec_check (1.0): at most 750 × 1334 px, and about 1 MB (WeChat's own threads). */
const IMG_SEC_CHECK_MAX_BYTES = 1024 * 1024;
const IMG_SEC_CHECK_MAX_WIDTH = 750;
const IMG_SEC_CHECK_MAX_HEIGHT = 1334;
/** media_check_async: a single file of at most 10 MB. */
const MEDIA_CHECK_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MEDIA_CHECK_DELAY_MS = 300;
const DEFAULT_MEDIA_DOWNLOAD_TIMEOUT_MS = 5000;
/** WeChat waits 5 s for `success`, then retries, three times at most. */
const DEFAULT_PUSH_TIMEOUT_MS = 5000;
const PUSH_RETRIES = 3;
/** wx.requestSubscribeMessage: at most 3 template ids a call (see the note at `subscribeRequest`). */
const MAX_TMPL_IDS_PER_REQUEST = 3;
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
/** `wang.1`: the person (`wang`), then anything that makes the code fresh. */
const LOGIN_CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9_.-]{0,64})?$/;
const PAGE_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
/** A mini-program openid: 28 characters, `o` first (what `standInOpenid` gives). */
const OPENID_PATTERN = /^o[A-Za-z0-9_-]{27}$/;
const AES_KEY_PATTERN = /^[A-Za-z0-9+/]{43}$/;

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

/** What `POST /__stand-in/faults` and `setFaults()` take. */
export interface WechatFaults {
  /** Every token issued so far answers 42001 from now on; a new stable_token works. */
  expireTokens?: true;
  /** Every token issued so far answers 40001 from now on. */
  revokeTokens?: true;
  /** Token-authenticated APIs answer this errcode while set (45009 daily, 45011 minute quota). */
  quota?: 45009 | 45011 | null;
  /** Every WeChat API answers `{errcode: -1, errmsg: 'system error'}` while set. */
  busy?: boolean;
  /** Each WeChat API answer waits this long first. */
  delayMs?: number;
  /** The appsecret is reset in the mp console: the old one now answers 40125. */
  resetSecret?: string;
}

/** The faults in force (the secret itself is never echoed). */
export interface ActiveFaults {
  quota: 45009 | 45011 | null;
  busy: boolean;
  delayMs: number;
  secretReset: boolean;
}

export interface PushAttempt {
  at: string;
  /** HTTP status of the push URL's answer; absent when it did not answer (timeout, refused). */
  status?: number;
  /** The first 200 characters of the answer. */
  answer?: string;
  error?: string;
  accepted: boolean;
}

/** One message push, as delivered (or tried) to the push URL. */
export interface PushRecord {
  event: string;
  traceId: string;
  url: string;
  delivered: boolean;
  attempts: PushAttempt[];
  query: PushQuery;
  body: { ToUserName: string; Encrypt: string };
  /** The decrypted message, for tests. */
  message: Record<string, unknown>;
}

export interface PushQuery {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypt_type: 'aes';
  msg_signature: string;
}

export interface WechatStandIn {
  url: string;
  outbox(): SentMessage[];
  clearOutbox(): void;
  /** Invalidates every access token, as a token refresh elsewhere would (same as `setFaults({ revokeTokens: true })`). */
  revokeTokens(): void;
  setFaults(faults: WechatFaults): ActiveFaults;
  clearFaults(): void;
  faults(): ActiveFaults;
  /** Adds `n` one-time consents of `openid` for `templateId`, as `accept` in wx.requestSubscribeMessage does. */
  grant(openid: string, templateId: string, n?: number): void;
  /** Unused consents of `openid`, by template id. */
  consents(openid: string): Record<string, number>;
  /** Where pushes go (the local stack learns its API URL after the stand-in starts). */
  setPushUrl(url: string | undefined): void;
  /** Sends WeChat's URL check (GET with `echostr`) to the push URL; true when it echoes. */
  verifyPushUrl(): Promise<boolean>;
  pushes(): PushRecord[];
  clearPushes(): void;
  /** Media checks whose verdict is not pushed yet. */
  pendingMediaChecks(): number;
  /** Delivers every pending verdict now (when a push URL is set) and resolves when all deliveries finished. */
  flushMediaChecks(): Promise<PushRecord[]>;
  close(): Promise<void>;
}

export interface WechatStandInOptions {
  port: number;
  host?: string;
  appId: string;
  appSecret: string;
  /** The app's subscription message templates: template id → its keyword keys, e.g. `['thing1', 'phrase2', 'time3']`. */
  templates: Record<string, readonly string[]>;
  /** The message-push URL of the mp console; pushes stay queued while there is none. */
  pushUrl?: string;
  /** The message-push Token of the mp console. */
  pushToken: string;
  /** The message-push EncodingAESKey of the mp console (43 characters). */
  pushAesKey: string;
  /** The mini-program's original id (`gh_…`), the pushes' ToUserName; derived from the appid when absent. */
  originalId?: string;
  /** How long a media check takes before its verdict is pushed (default 300 ms). */
  mediaCheckDelayMs?: number;
  /** How long the stand-in waits for `media_url` to download (default 5 s). */
  mediaDownloadTimeoutMs?: number;
  /** How long the push URL has to answer `success` (WeChat: 5 s). */
  pushTimeoutMs?: number;
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
  invalidMediaType: { errcode: 40004, errmsg: 'invalid media type' },
  invalidMediaSize: { errcode: 40006, errmsg: 'invalid media size' },
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
  noConsent: { errcode: 43101, errmsg: 'user refuse to accept the msg' },
  dailyQuota: { errcode: 45009, errmsg: 'reach max api daily quota limit' },
  minuteQuota: { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
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

/** The `gh_…` original id the stand-in gives an app when none is configured. */
export function standInOriginalId(appId: string): string {
  return `gh_${createHash('sha256').update(`gh:${appId}`).digest('hex').slice(0, 12)}`;
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

/**
 * Checks a message's data against its template: exactly the template's keys,
 * each value valid for its type. Returns the offending path, or null.
 */
export function findInvalidSubscribeData(data: unknown, keys: readonly string[]): string | null {
  if (!isRecord(data)) return 'data';
  for (const key of keys) if (!(key in data)) return `data.${key}.value`;
  for (const key of Object.keys(data)) if (!keys.includes(key)) return `data.${key}`;
  return findInvalidSubscribeField(data);
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

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'bmp' | 'webp';

/** The format and pixel size of an image, read from its header (JPEG SOF, PNG IHDR, GIF, BMP, WebP); null when unreadable. */
export function imageDimensions(bytes: Buffer): { format: ImageFormat; width: number; height: number } | null {
  const at = (offset: number) => bytes[offset] ?? -1;
  if (
    bytes.length >= 24 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
    return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 10 && /^GIF8[79]a$/.test(bytes.toString('latin1', 0, 6))) {
    return { format: 'gif', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  if (bytes.length >= 26 && bytes.toString('latin1', 0, 2) === 'BM') {
    const headerSize = bytes.readUInt32LE(14);
    if (headerSize === 12) return { format: 'bmp', width: bytes.readUInt16LE(18), height: bytes.readUInt16LE(20) };
    return { format: 'bmp', width: Math.abs(bytes.readInt32LE(18)), height: Math.abs(bytes.readInt32LE(22)) };
  }
  if (bytes.length >= 16 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = bytes.toString('latin1', 12, 16);
    if (chunk === 'VP8 ' && bytes.length >= 30 && at(23) === 0x9d && at(24) === 0x01 && at(25) === 0x2a) {
      return { format: 'webp', width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    }
    if (chunk === 'VP8L' && bytes.length >= 25 && at(20) === 0x2f) {
      const bits = bytes.readUInt32LE(21);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X' && bytes.length >= 30) {
      return { format: 'webp', width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
    }
    return null;
  }
  if (at(0) === 0xff && at(1) === 0xd8) {
    let i = 2;
    while (i + 3 < bytes.length) {
      if (at(i) !== 0xff) return null;
      const marker = at(i + 1);
      if (marker === 0xff) {
        i += 1; // fill byte
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      if (marker === 0xd9 || marker === 0xda) return null; // image data before any frame header
      const length = bytes.readUInt16BE(i + 2);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isFrame) {
        if (i + 9 > bytes.length) return null;
        return { format: 'jpeg', height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
      }
      i += 2 + length;
    }
    return null;
  }
  return null;
}

/** The audio formats media_check_async documents (mp3, aac, ac3, wma, flac, vorbis, opus, wav), by magic bytes. */
export function isSupportedAudio(bytes: Buffer): boolean {
  const head = (n: number) => bytes.toString('latin1', 0, n);
  const b0 = bytes[0] ?? 0;
  const b1 = bytes[1] ?? 0;
  if (head(3) === 'ID3') return true; // mp3 with a tag
  if (b0 === 0xff && (b1 & 0xe0) === 0xe0) return true; // MPEG audio (mp3) or ADTS (aac) frame sync
  if (head(4) === 'ADIF') return true; // aac
  if (b0 === 0x0b && b1 === 0x77) return true; // ac3
  if (bytes.subarray(0, 8).equals(Buffer.from([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]))) return true; // wma (ASF)
  if (head(4) === 'fLaC' || head(4) === 'OggS') return true; // flac; vorbis and opus in Ogg
  return head(4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WAVE';
}

/** The message-push signature: sha1 of the sorted, joined parts (token, timestamp, nonce[, Encrypt]). */
export function pushSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/**
 * Seals a message the way WeChat does in safe mode (安全模式) with JSON format:
 * AES-256-CBC with key = base64decode(EncodingAESKey + "="), iv = key[0..16),
 * PKCS#7 padding to 32 bytes, over 16 random bytes + 4-byte big-endian length + msg + appid.
 */
export function sealPush(i: {
  token: string;
  aesKey: string;
  appId: string;
  toUserName: string;
  message: Record<string, unknown>;
  timestamp?: number;
  nonce?: string;
}): { query: PushQuery; body: { ToUserName: string; Encrypt: string } } {
  const key = Buffer.from(`${i.aesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must be 43 base64 characters');
  const msg = Buffer.from(JSON.stringify(i.message), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length);
  const plain = Buffer.concat([randomBytes(16), length, msg, Buffer.from(i.appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  const encrypt = Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
  const timestamp = String(i.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = i.nonce ?? String(randomInt(100_000_000, 2_000_000_000));
  return {
    query: {
      signature: pushSignature(i.token, timestamp, nonce),
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: pushSignature(i.token, timestamp, nonce, encrypt),
    },
    body: { ToUserName: i.toUserName, Encrypt: encrypt },
  };
}

class ControlReply {
  constructor(
    readonly status: number,
    readonly body: object,
  ) {}
}

class FaultInputError extends Error {}

interface MediaCheckJob {
  traceId: string;
  openid: string;
  suggest: 'pass' | 'risky';
  label: number;
  createdAt: number;
  due: boolean;
  timer?: NodeJS.Timeout;
  state: 'queued' | 'delivering' | 'done';
  delivery?: Promise<PushRecord>;
}

export async function startWechatStandIn(opts: WechatStandInOptions): Promise<WechatStandIn> {
  const host = opts.host ?? '127.0.0.1';
  const templates = new Map(Object.entries(opts.templates ?? {}).map(([id, keys]) => [id, [...keys]]));
  if (opts.pushAesKey !== undefined && !AES_KEY_PATTERN.test(opts.pushAesKey)) {
    throw new Error('pushAesKey must be a 43-character EncodingAESKey');
  }
  const mediaCheckDelayMs = opts.mediaCheckDelayMs ?? DEFAULT_MEDIA_CHECK_DELAY_MS;
  const downloadTimeoutMs = opts.mediaDownloadTimeoutMs ?? DEFAULT_MEDIA_DOWNLOAD_TIMEOUT_MS;
  const pushTimeoutMs = opts.pushTimeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS;
  const originalId = opts.originalId ?? standInOriginalId(opts.appId);
  /** Pushes come from WeChat's platform account, never from the person checked. */
  const platformUser = `o${digest(`platform:${opts.appId}`).slice(0, 27)}`;
  const usedCodes = new Set<string>();
  /** token → expiry (epoch ms) */
  const tokens = new Map<string, number>();
  let stableToken: string | undefined;
  let messages: SentMessage[] = [];
  let nextMsgId = 2_000_000_001;
  let appSecret = opts.appSecret;
  let faults: ActiveFaults = { quota: null, busy: false, delayMs: 0, secretReset: false };
  /** openid → template id → unused one-time consents */
  const consentBook = new Map<string, Map<string, number>>();
  let pushUrl = opts.pushUrl;
  let pushLog: PushRecord[] = [];
  const jobs = new Map<string, MediaCheckJob>();
  const closing = new AbortController();

  const credentialsError = (appid: unknown, secret: unknown): WechatError | null => {
    if (appid !== opts.appId) return ERR.invalidAppid;
    if (typeof secret !== 'string' || !sameString(secret, appSecret)) return ERR.invalidAppSecret;
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

  const quotaError = (): WechatError | null => {
    if (faults.quota === 45009) return ERR.dailyQuota;
    if (faults.quota === 45011) return ERR.minuteQuota;
    return null;
  };

  const revokeTokens = () => {
    tokens.clear();
    stableToken = undefined;
  };

  const expireTokens = () => {
    const now = Date.now();
    for (const token of tokens.keys()) tokens.set(token, now);
  };

  const applyFaults = (input: unknown): ActiveFaults => {
    if (!isRecord(input)) throw new FaultInputError('faults must be a JSON object');
    const known = ['expireTokens', 'revokeTokens', 'quota', 'busy', 'delayMs', 'resetSecret'];
    const unknown = Object.keys(input).filter((key) => !known.includes(key));
    if (unknown.length > 0) throw new FaultInputError(`unknown faults: ${unknown.join(', ')}`);
    const { expireTokens: expire, revokeTokens: revoke, quota, busy, delayMs, resetSecret } = input;
    if (expire !== undefined && expire !== true) throw new FaultInputError('expireTokens must be true');
    if (revoke !== undefined && revoke !== true) throw new FaultInputError('revokeTokens must be true');
    if (quota !== undefined && quota !== null && quota !== 45009 && quota !== 45011) {
      throw new FaultInputError('quota must be 45009, 45011 or null');
    }
    if (busy !== undefined && typeof busy !== 'boolean') throw new FaultInputError('busy must be a boolean');
    if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0 && delayMs <= 60_000)) {
      throw new FaultInputError('delayMs must be 0–60000');
    }
    if (resetSecret !== undefined && !(typeof resetSecret === 'string' && resetSecret !== '')) {
      throw new FaultInputError('resetSecret must be a non-empty string');
    }
    if (expire) expireTokens();
    if (revoke) revokeTokens();
    faults = {
      quota: quota === undefined ? faults.quota : quota,
      busy: busy ?? faults.busy,
      delayMs: delayMs ?? faults.delayMs,
      secretReset: faults.secretReset || resetSecret !== undefined,
    };
    if (typeof resetSecret === 'string') appSecret = resetSecret;
    return { ...faults };
  };

  const clearFaults = () => {
    faults = { quota: null, busy: false, delayMs: 0, secretReset: false };
    appSecret = opts.appSecret;
  };

  const grant = (openid: string, templateId: string, n = 1) => {
    if (!templates.has(templateId)) throw new Error(`unknown template ${templateId}`);
    if (!Number.isInteger(n) || n < 1) throw new Error('n must be a positive integer');
    const book = consentBook.get(openid) ?? new Map<string, number>();
    book.set(templateId, (book.get(templateId) ?? 0) + n);
    consentBook.set(openid, book);
  };

  const consents = (openid: string): Record<string, number> =>
    Object.fromEntries([...(consentBook.get(openid) ?? new Map<string, number>())].filter(([, n]) => n > 0));

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
    // Like WeChat: a forced refresh makes the previous stable token invalid at once.
    if (stableToken !== undefined && body.force_refresh === true) tokens.delete(stableToken);
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
      trace_id: traceId(),
    };
  };

  /**
   * img_sec_check (1.0): the file itself, as multipart field `media`. WeChat
   * documents PNG, JPEG, JPG and GIF of at most 750 × 1334 px; its threads
   * report about 1 MB. Too large (bytes or pixels) → 40006. A file whose
   * header is not one of those formats (WebP included) → 40004, the global
   * "invalid media type": WeChat documents no code of its own for it.
   */
  const imgSecCheck = (req: IncomingMessage, body: Buffer): object => {
    const media = multipartFile(body, req.headers['content-type'] ?? '', 'media');
    if (media === null) return ERR.mediaMissing;
    if (media.length > IMG_SEC_CHECK_MAX_BYTES) return ERR.invalidMediaSize;
    const image = imageDimensions(media);
    if (image && (image.width > IMG_SEC_CHECK_MAX_WIDTH || image.height > IMG_SEC_CHECK_MAX_HEIGHT)) {
      return ERR.invalidMediaSize;
    }
    if (!image || !['png', 'jpeg', 'gif'].includes(image.format)) return ERR.invalidMediaType;
    return media.includes(WECHAT_TEST_RISKY_IMAGE_MARKER) ? ERR.risky : { errcode: 0, errmsg: 'ok' };
  };

  /**
   * media_check_async (2.0). WeChat answers `errcode: 0` as soon as it has the
   * request and fetches the file later; this stand-in fetches it at once, so a
   * URL WeChat could not download fails loudly instead of silently:
   * - not HTTP 200, unreachable or too slow → 41005 "media data missing" (the
   *   code WeChat gives for media it could not get; its 1.0 push said -1008
   *   "链接无法下载" for the same case);
   * - over 10 MB → 40006 "invalid media size";
   * - not one of the documented formats for `media_type` (images: jpg, png,
   *   bmp, gif; audio: mp3, aac, ac3, wma, flac, vorbis, opus, wav; so WebP is
   *   refused) → 40004 "invalid media type".
   * Only version 2 is served (1.0 stopped being updated in 2021) → else 40097.
   */
  const mediaCheckAsync = async (body: Record<string, unknown>): Promise<object> => {
    if (typeof body.media_url !== 'string' || body.media_url === '') return ERR.dataFormat;
    if (body.version !== 2) return ERR.invalidArgs;
    if (body.media_type !== 1 && body.media_type !== 2) return ERR.invalidArgs;
    if (typeof body.openid !== 'string' || !OPENID_PATTERN.test(body.openid)) return ERR.invalidOpenid;
    if (![1, 2, 3, 4].includes(body.scene as number)) return ERR.invalidArgs;
    let target: URL;
    try {
      target = new URL(body.media_url);
    } catch {
      return ERR.invalidArgs;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return ERR.invalidArgs;
    const download = await downloadMedia(target, downloadTimeoutMs, MEDIA_CHECK_MAX_BYTES, closing.signal);
    if (download === 'too-large') return ERR.invalidMediaSize;
    if (download === 'failed') return ERR.mediaMissing;
    const image = imageDimensions(download);
    const supported =
      body.media_type === 2
        ? image !== null && ['jpeg', 'png', 'bmp', 'gif'].includes(image.format)
        : isSupportedAudio(download);
    if (!supported) return ERR.invalidMediaType;
    const risky = download.includes(WECHAT_TEST_RISKY_IMAGE_MARKER);
    const job: MediaCheckJob = {
      traceId: traceId(),
      openid: body.openid,
      suggest: risky ? 'risky' : 'pass',
      label: risky ? WECHAT_TEST_RISKY_MEDIA_LABEL : 100,
      createdAt: Date.now(),
      due: false,
      state: 'queued',
    };
    jobs.set(job.traceId, job);
    job.timer = setTimeout(() => {
      job.due = true;
      void startDelivery(job);
    }, mediaCheckDelayMs);
    job.timer.unref();
    return { errcode: 0, errmsg: 'ok', trace_id: job.traceId };
  };

  const verdict = (job: MediaCheckJob): Record<string, unknown> => ({
    ToUserName: originalId,
    FromUserName: platformUser,
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: opts.appId,
    trace_id: job.traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest: job.suggest, label: job.label, prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: job.suggest, label: job.label },
  });

  /** One push with WeChat's retries: `success` (or nothing) within the timeout, else up to 3 more tries. */
  const deliver = async (job: MediaCheckJob, url: string): Promise<PushRecord> => {
    const message = verdict(job);
    const sealed = sealPush({
      token: opts.pushToken,
      aesKey: opts.pushAesKey,
      appId: opts.appId,
      toUserName: originalId,
      message,
    });
    const target = `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams({ ...sealed.query })}`;
    const record: PushRecord = {
      event: 'wxa_media_check',
      traceId: job.traceId,
      url,
      delivered: false,
      attempts: [],
      query: sealed.query,
      body: sealed.body,
      message,
    };
    pushLog.push(record);
    for (let attempt = 0; attempt <= PUSH_RETRIES && !closing.signal.aborted; attempt++) {
      const at = new Date().toISOString();
      try {
        const response = await fetch(target, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(sealed.body),
          signal: AbortSignal.any([AbortSignal.timeout(pushTimeoutMs), closing.signal]),
        });
        const answer = await response.text();
        // WeChat takes `success` or an empty body, and nothing else, as "received".
        const accepted = response.status === 200 && (answer === 'success' || answer === '');
        record.attempts.push({ at, status: response.status, answer: answer.slice(0, 200), accepted });
        if (accepted) {
          record.delivered = true;
          break;
        }
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        const reason =
          name === 'TimeoutError' ? 'timeout' : ((error as { cause?: { code?: string } }).cause?.code ?? name);
        record.attempts.push({ at, error: reason, accepted: false });
      }
    }
    return record;
  };

  const startDelivery = (job: MediaCheckJob): Promise<PushRecord> | undefined => {
    if (job.state !== 'queued') return job.delivery;
    // Without a URL, a Token and a key there is nowhere to push: the verdict waits, as in an unconfigured mp console.
    if (pushUrl === undefined || !opts.pushToken || !opts.pushAesKey) return undefined;
    job.state = 'delivering';
    job.delivery = deliver(job, pushUrl).finally(() => {
      job.state = 'done';
      jobs.delete(job.traceId);
    });
    return job.delivery;
  };

  const flushMediaChecks = async (): Promise<PushRecord[]> => {
    const deliveries: Promise<PushRecord>[] = [];
    for (const job of jobs.values()) {
      clearTimeout(job.timer);
      job.due = true;
      const delivery = startDelivery(job);
      if (delivery) deliveries.push(delivery);
    }
    return Promise.all(deliveries);
  };

  const verifyPushUrl = async (): Promise<boolean> => {
    if (pushUrl === undefined) return false;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomInt(100_000_000, 2_000_000_000));
    const echostr = String(randomInt(1, 2 ** 47));
    const query = new URLSearchParams({
      signature: pushSignature(opts.pushToken, timestamp, nonce),
      echostr,
      timestamp,
      nonce,
    });
    try {
      const response = await fetch(`${pushUrl}${pushUrl.includes('?') ? '&' : '?'}${query}`, {
        signal: AbortSignal.timeout(pushTimeoutMs),
      });
      return response.status === 200 && (await response.text()) === echostr;
    } catch {
      return false;
    }
  };

  /**
   * subscribeMessage.send. The order is WeChat's: who (40003), which template
   * (40037), the message's shape and data (47003), then consent (43101): a
   * message that is refused for its data spends no consent.
   */
  const subscribeSend = (body: Record<string, unknown>): object => {
    if (typeof body.touser !== 'string' || !OPENID_PATTERN.test(body.touser)) return ERR.invalidOpenid;
    const keys = typeof body.template_id === 'string' ? templates.get(body.template_id) : undefined;
    if (typeof body.template_id !== 'string' || keys === undefined) return ERR.invalidTemplateId;
    if (body.page !== undefined && typeof body.page !== 'string') return argumentInvalid('page');
    const states = ['developer', 'trial', 'formal'];
    if (body.miniprogram_state !== undefined && !states.includes(body.miniprogram_state as string)) {
      return argumentInvalid('miniprogram_state');
    }
    const langs = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];
    if (body.lang !== undefined && !langs.includes(body.lang as string)) return argumentInvalid('lang');
    const invalid = findInvalidSubscribeData(body.data, keys);
    if (invalid) return argumentInvalid(invalid);
    const book = consentBook.get(body.touser);
    const left = book?.get(body.template_id) ?? 0;
    if (!book || left < 1) return ERR.noConsent;
    book.set(body.template_id, left - 1);
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

  /**
   * What `wx.requestSubscribeMessage({ tmplIds })` does: the person answers
   * each template, and each `accept` is one consent for one message. Errors
   * are the client's own (`errCode` 10001 empty list, 10004 not a list of ids,
   * 20001 unknown template, 20003 too many). WeChat's current page allows 5 ids
   * a call where older ones (and wechat.md) say 3; the stand-in keeps 3, the
   * stricter reading.
   */
  const subscribeRequest = (body: Record<string, unknown>): ControlReply => {
    const fail = (errCode: number, message: string) =>
      new ControlReply(400, { errMsg: `requestSubscribeMessage:fail ${message}`, errCode });
    let openid: string;
    if (typeof body.openid === 'string' && body.persona === undefined) {
      if (!OPENID_PATTERN.test(body.openid))
        return new ControlReply(400, { errMsg: 'requestSubscribeMessage:fail invalid openid' });
      openid = body.openid;
    } else if (typeof body.persona === 'string' && body.persona !== '' && body.openid === undefined) {
      openid = standInOpenid(opts.appId, body.persona);
    } else {
      return new ControlReply(400, { errMsg: 'requestSubscribeMessage:fail give either persona or openid' });
    }
    const answer = body.answer ?? 'accept';
    if (answer !== 'accept' && answer !== 'reject') {
      return new ControlReply(400, { errMsg: 'requestSubscribeMessage:fail answer must be accept or reject' });
    }
    if (!Array.isArray(body.tmplIds) || !body.tmplIds.every((id) => typeof id === 'string')) {
      return fail(10004, 'Invalid template id');
    }
    const ids = [...new Set(body.tmplIds as string[])];
    if (ids.length === 0) return fail(10001, "TmplIds can't be empty");
    if (ids.length > MAX_TMPL_IDS_PER_REQUEST) return fail(20003, 'Templates count out of max bounds');
    if (ids.some((id) => !templates.has(id))) {
      return fail(20001, 'No template data return, verify the template id exist');
    }
    for (const id of ids) if (answer === 'accept') grant(openid, id);
    return new ControlReply(200, {
      errMsg: 'requestSubscribeMessage:ok',
      ...Object.fromEntries(ids.map((id) => [id, answer])),
    });
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

  const control = async (req: IncomingMessage, url: URL): Promise<object> => {
    const method = req.method ?? 'GET';
    const json = async (): Promise<Record<string, unknown> | ControlReply> => {
      const raw = await readBody(req);
      const body = raw === null ? null : parseJsonObject(raw);
      return body ?? new ControlReply(400, { error: 'body must be a JSON object' });
    };
    const notAllowed = new ControlReply(405, { error: `${method} is not served here` });
    switch (url.pathname) {
      case '/__stand-in/outbox':
        return method === 'GET' || method === 'DELETE' ? outboxEndpoint(method, url) : notAllowed;
      case '/__stand-in/subscribe': {
        if (method !== 'POST') return notAllowed;
        const body = await json();
        return body instanceof ControlReply ? body : subscribeRequest(body);
      }
      case '/__stand-in/faults': {
        if (method === 'GET') return { faults: { ...faults } };
        if (method === 'DELETE') {
          clearFaults();
          return { faults: { ...faults } };
        }
        if (method !== 'POST') return notAllowed;
        const body = await json();
        if (body instanceof ControlReply) return body;
        try {
          return { faults: applyFaults(body) };
        } catch (error) {
          if (error instanceof FaultInputError) return new ControlReply(400, { error: error.message });
          throw error;
        }
      }
      case '/__stand-in/pushes': {
        if (method === 'DELETE') {
          pushLog = [];
          return { pushes: [] };
        }
        if (method !== 'GET') return notAllowed;
        const trace = url.searchParams.get('trace_id');
        return { pushes: pushLog.filter((p) => trace === null || p.traceId === trace) };
      }
      case '/__stand-in/media-checks/flush': {
        if (method !== 'POST') return notAllowed;
        const pushes = await flushMediaChecks();
        return { pushes, pending: jobs.size };
      }
      default:
        return new ControlReply(404, { error: 'not found' });
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<object | null> => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/__stand-in/')) return control(req, url);

    const post = async (handle: (body: Record<string, unknown>) => object | Promise<object | null>) => {
      if (method !== 'POST') return ERR.requirePost;
      const raw = await readBody(req);
      if (raw === null) return ERR.dataFormat;
      const body = parseJsonObject(raw);
      return body === null ? ERR.dataFormat : handle(body);
    };
    const withToken = async (handle: (body: Record<string, unknown>) => object | Promise<object | null>) =>
      tokenError(url) ?? quotaError() ?? post(handle);

    const known = [
      '/sns/jscode2session',
      '/cgi-bin/token',
      '/cgi-bin/stable_token',
      '/wxa/msg_sec_check',
      '/wxa/img_sec_check',
      '/wxa/media_check_async',
      '/cgi-bin/message/subscribe/send',
      '/wxa/getwxacodeunlimit',
    ];
    if (!known.includes(url.pathname)) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(ERR.notFound));
      return null;
    }
    if (faults.delayMs > 0) await sleep(faults.delayMs, closing.signal);
    if (faults.busy) {
      await readBody(req);
      return ERR.systemError;
    }

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
        const bad = tokenError(url) ?? quotaError() ?? (method === 'POST' ? null : ERR.requirePost);
        if (bad) return bad;
        const raw = await readBody(req);
        return raw === null ? ERR.invalidMediaSize : imgSecCheck(req, raw);
      }
      case '/wxa/media_check_async':
        return withToken(mediaCheckAsync);
      case '/cgi-bin/message/subscribe/send':
        return withToken(subscribeSend);
      default:
        return withToken((body) => wxaCode(body, res));
    }
  };

  const server = createServer((req, res) => {
    const isControl = (req.url ?? '').startsWith('/__stand-in/');
    const headers = isControl ? CORS_HEADERS : {};
    if (isControl && req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS_HEADERS, 'Access-Control-Max-Age': '600' });
      res.end();
      return;
    }
    route(req, res)
      .then((body) => {
        if (body instanceof ControlReply) sendJson(res, body.body, body.status, headers);
        else if (body !== null) sendJson(res, body, 200, headers);
      })
      .catch((error: unknown) => {
        if (closing.signal.aborted) {
          res.destroy();
          return;
        }
        console.error('[wechat-stand-in]', error);
        if (!res.headersSent) sendJson(res, ERR.systemError, 200, headers);
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
    revokeTokens,
    setFaults: (input) => applyFaults(input),
    clearFaults,
    faults: () => ({ ...faults }),
    grant,
    consents,
    setPushUrl: (url) => {
      pushUrl = url;
      if (url === undefined) return;
      for (const job of jobs.values()) if (job.due) void startDelivery(job);
    },
    verifyPushUrl,
    pushes: () => pushLog.map((p) => structuredClone(p)),
    clearPushes: () => {
      pushLog = [];
    },
    pendingMediaChecks: () => [...jobs.values()].filter((job) => job.state === 'queued').length,
    flushMediaChecks,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        for (const job of jobs.values()) clearTimeout(job.timer);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type',
};

function argumentInvalid(path: string): WechatError {
  return { errcode: 47003, errmsg: `argument invalid! ${path} invalid` };
}

/** WeChat's trace ids look like `63903bb8-50b3cf02-792158f9`. */
function traceId(): string {
  const part = () => randomBytes(4).toString('hex');
  return `${part()}-${part()}-${part()}`;
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The bytes of the multipart part named `name`, or null when the body has none. */
function multipartFile(body: Buffer, contentType: string, name: string): Buffer | null {
  const match = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const headersStart = start + delimiter.length + 2; // past the CRLF after the delimiter
    const next = body.indexOf(delimiter, headersStart);
    if (next === -1) return null;
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd !== -1 && headersEnd < next) {
      const headers = body.toString('latin1', headersStart, headersEnd);
      const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      if (new RegExp(`\\bname="?${name}"?(;|\\s|$)`).test(disposition)) {
        return body.subarray(headersEnd + 4, next - 2); // the part ends with CRLF before the next delimiter
      }
    }
    start = next;
  }
  return null;
}

/** GETs `url` like WeChat's fetcher: HTTP 200 and at most `maxBytes`, within `timeoutMs`. */
async function downloadMedia(
  url: URL,
  timeoutMs: number,
  maxBytes: number,
  closing: AbortSignal,
): Promise<Buffer | 'failed' | 'too-large'> {
  const controller = new AbortController();
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), closing, controller.signal]);
  try {
    const response = await fetch(url, { signal, redirect: 'follow' });
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      return 'failed';
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      controller.abort();
      return 'too-large';
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) {
        controller.abort();
        return 'too-large';
      }
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  } catch {
    return 'failed';
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

function sendJson(res: ServerResponse, body: object, status = 200, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
