/** A small HTTP client for tests: talks to the local API like the app does. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed-input tests. */
  rawBody?: string;
  headers?: Record<string, string>;
  idempotencyKey?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are inspected field by field
export async function call<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  const res = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers,
    body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

const tokens = new Map<string, string>();

/** Signs in as a seeded demo person (local stage); cached per test file. */
export async function signIn(persona: string): Promise<string> {
  const cached = tokens.get(persona);
  if (cached) return cached;
  const res = await call('POST', '/v1/auth/dev', { body: { persona } });
  if (res.status !== 200) throw new Error(`sign-in as ${persona} failed: ${res.status} ${JSON.stringify(res.body)}`);
  tokens.set(persona, res.body.token);
  return res.body.token;
}

/** A brand-new person through the real WeChat sign-in (the stand-in behind it). */
export async function signInNewWechatUser(): Promise<{ token: string; userId: string; person: string }> {
  const person = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const res = await call('POST', '/v1/auth/wechat', { body: { code: `${person}.1` } });
  if (res.status !== 200) throw new Error(`wechat sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, userId: res.body.user.userId, person };
}

export const newKey = () => randomUUID();
