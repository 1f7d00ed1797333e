/**
 * HTTP clients for tests: they talk to the local API like the app does.
 * `api` is the app's typed client (shared/src/client.ts) over fetch, and
 * checks every answer against its route's response schema; `call` sends
 * anything at all, for the tests of refusals and malformed input.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@linli/shared';
import { inject } from 'vitest';
import { type RouteKey, type RouteSpec, routes } from '../../functions/src/routes.js';

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

async function send(method: string, path: string, opts: RequestOptions) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  const res = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers,
    body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are inspected field by field
export async function call<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const res = await send(method, path, opts);
  return { status: res.status, body: (res.text ? JSON.parse(res.text) : null) as T, headers: res.headers };
}

/**
 * As the app does: a 503 BUSY (DynamoDB contended, a lost answer) is sent again, with the same
 * Idempotency-Key, a few times with a growing pause, before the answer is given up on.
 */
export async function againWhenBusy<R extends { status: number }>(send: () => Promise<R>): Promise<R> {
  let res = await send();
  for (let attempt = 1; res.status === 503 && attempt < 6; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    res = await send();
  }
  return res;
}

/** A typed call that did not succeed: the route, the status and the error body. */
export class ApiCallError extends Error {
  constructor(
    readonly key: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${key} answered ${status}: ${JSON.stringify(body)}`);
    this.name = 'ApiCallError';
  }
}

/** A CSV download's name, from `Content-Disposition`. */
const filenameOf = (headers: Headers) =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/i.exec(headers.get('content-disposition') ?? '')?.[1] ?? '');

/**
 * `api('GET /v1/me', { token })`: the route's response, parsed with its schema (an
 * answer that does not match fails the test); anything but a 2xx throws `ApiCallError`
 * (after sending a 503 again a few times, as the app does).
 */
export const api = createClient<typeof routes, { token?: string }>(async (request, { token }) => {
  const sent = () =>
    send(request.method, request.path, {
      token,
      body: request.body,
      idempotencyKey: request.idempotencyKey,
      headers: request.accept ? { accept: request.accept } : {},
    });
  const res = await againWhenBusy(sent);
  if (res.status < 200 || res.status >= 300)
    throw new ApiCallError(request.key, res.status, res.text ? JSON.parse(res.text) : null);
  const spec: RouteSpec = routes[request.key as RouteKey];
  const body =
    res.status === 204
      ? null
      : request.accept === 'text/csv'
        ? { filename: filenameOf(res.headers), csv: res.text }
        : request.accept
          ? res.text
          : JSON.parse(res.text);
  const parsed = spec.response.safeParse(body);
  if (!parsed.success)
    throw new Error(`${request.key} answered outside its response schema: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
});

const tokens = new Map<string, string>();

/** Signs in as a seeded demo person (local stage); cached per test file. */
export async function signIn(persona: string): Promise<string> {
  const cached = tokens.get(persona);
  if (cached) return cached;
  const { token } = await api('POST /v1/auth/dev', { body: { persona } });
  tokens.set(persona, token);
  return token;
}

/** A brand-new person through the real WeChat sign-in (the stand-in behind it); `person` is their WeChat name. */
export async function signInNewWechatUser() {
  const person = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const { token, expiresAt, user } = await api('POST /v1/auth/wechat', { body: { code: `${person}.1` } });
  return { token, userId: user.userId, person, nickname: user.nickname, session: { token, expiresAt, user } };
}

export const newKey = () => randomUUID();
