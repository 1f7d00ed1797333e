/**
 * The server side of WeChat's message push (消息推送) in safe mode (安全模式)
 * with JSON format: checking the URL-verification GET, and opening a push
 * (both signatures, the timestamp, AES-256-CBC, PKCS#7, the trailing appid).
 * Pure functions over strings and buffers, so they run anywhere.
 *
 * - signature     = sha1(sort([token, timestamp, nonce]).join(''))
 * - msg_signature = sha1(sort([token, timestamp, nonce, Encrypt]).join(''))
 * - Encrypt       = base64(AES-256-CBC(key = base64decode(EncodingAESKey + "="), iv = key[0..16),
 *                   PKCS#7 to 32-byte blocks, 16 random bytes + 4-byte big-endian length + msg + appid))
 */
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

export interface PushQuery {
  signature: string;
  timestamp: string;
  nonce: string;
  msg_signature: string;
  encrypt_type: string;
}

export type PushRefusal = 'signature' | 'stale' | 'malformed' | 'appid';

export type OpenedPush =
  | { ok: true; message: Record<string, unknown>; nonce: string; timestamp: number }
  | { ok: false; reason: PushRefusal };

const DEFAULT_MAX_SKEW_SECONDS = 300;
/** WeChat pads to 32-byte blocks, so a pad is 1–32 bytes. */
const PAD_BLOCK = 32;
const AES_KEY_PATTERN = /^[A-Za-z0-9+/]{43}$/;
const SHA1_HEX = /^[0-9a-f]{40}$/;
const TIMESTAMP_PATTERN = /^\d{1,12}$/;

/** sha1 of the parts sorted as strings and joined, in lowercase hex. */
export function pushSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** The mp console's URL check (GET with `echostr`): true when `signature` is WeChat's for this token. */
export function verifyUrl(i: { token: string; signature: string; timestamp: string; nonce: string }): boolean {
  if (typeof i.signature !== 'string' || typeof i.timestamp !== 'string' || typeof i.nonce !== 'string') return false;
  return sameHex(i.signature, pushSignature(i.token, i.timestamp, i.nonce));
}

/**
 * Decrypts an `Encrypt` field: the message and the appid that trails it, or
 * null when it is not what WeChat's encryption produces (length, padding,
 * declared message length).
 */
export function decryptPush(aesKey: string, encrypt: string): { message: string; appId: string } | null {
  if (!AES_KEY_PATTERN.test(aesKey)) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypt)) return null;
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const data = Buffer.from(encrypt, 'base64');
  if (key.length !== 32 || data.length === 0 || data.length % 16 !== 0) return null;
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return null;
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) return null;
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return null;
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) return null;
  const length = content.readUInt32BE(16);
  if (20 + length > content.length) return null;
  return {
    message: content.subarray(20, 20 + length).toString('utf8'),
    appId: content.subarray(20 + length).toString('utf8'),
  };
}

/**
 * Opens one push: the query signature, the msg_signature over `Encrypt`, the
 * timestamp within `maxSkewSeconds` of `now`, the decryption and padding, the
 * trailing appid, and the JSON message. Replays inside the window are the
 * caller's to refuse (remember `nonce`).
 */
export function openPush(i: {
  token: string;
  aesKey: string;
  appId: string;
  query: PushQuery;
  body: string;
  now: Date;
  maxSkewSeconds?: number;
}): OpenedPush {
  const refuse = (reason: PushRefusal): OpenedPush => ({ ok: false, reason });
  const { signature, timestamp, nonce, msg_signature: msgSignature, encrypt_type: encryptType } = i.query;
  if (
    typeof signature !== 'string' ||
    typeof msgSignature !== 'string' ||
    typeof nonce !== 'string' ||
    typeof timestamp !== 'string'
  ) {
    return refuse('malformed');
  }
  if (encryptType !== 'aes' || nonce === '' || !TIMESTAMP_PATTERN.test(timestamp)) return refuse('malformed');
  if (!verifyUrl({ token: i.token, signature, timestamp, nonce })) return refuse('signature');

  let envelope: unknown;
  try {
    envelope = JSON.parse(i.body);
  } catch {
    return refuse('malformed');
  }
  const encrypt = isRecord(envelope) ? envelope.Encrypt : undefined;
  if (typeof encrypt !== 'string' || encrypt === '') return refuse('malformed');
  if (!sameHex(msgSignature, pushSignature(i.token, timestamp, nonce, encrypt))) return refuse('signature');

  const sent = Number(timestamp);
  const skew = i.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  if (Math.abs(i.now.getTime() / 1000 - sent) > skew) return refuse('stale');

  const opened = decryptPush(i.aesKey, encrypt);
  if (!opened) return refuse('malformed');
  if (!sameText(opened.appId, i.appId)) return refuse('appid');
  let message: unknown;
  try {
    message = JSON.parse(opened.message);
  } catch {
    return refuse('malformed');
  }
  if (!isRecord(message)) return refuse('malformed');
  return { ok: true, message, nonce, timestamp: sent };
}

function sameHex(given: string, expected: string): boolean {
  if (!SHA1_HEX.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
