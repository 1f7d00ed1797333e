/**
 * The API client's core, for both ends: a route key (`'GET /v1/communities/{communityId}'`)
 * and its inputs become a request, typed from a route table's zod schemas.
 * Zod is imported for types only, so the mini-program carries no schema; each
 * end brings its own transport (Taro.request, fetch).
 */
import type * as z from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What the client reads of a route: its input and output schemas, at the type level only. */
export interface RouteShape {
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly idempotent?: boolean;
  readonly produces?: string;
}

/*
 * The conditionals below do not distribute (`[S] extends [...]`): while a call's
 * key is still being inferred TypeScript reads them over every route at once,
 * and a distributed product of five unions grows past what it can represent.
 */
type ParamsInput<S> = [S] extends [{ params: infer P extends z.ZodType }] ? { params: z.input<P> } : { params?: never };
type QueryInput<S> = [S] extends [{ query: infer Q extends z.ZodType }]
  ? object extends z.input<Q>
    ? { query?: z.input<Q> }
    : { query: z.input<Q> }
  : { query?: never };
type BodyInput<S> = [S] extends [{ body: infer B extends z.ZodType }]
  ? undefined extends z.input<B>
    ? { body?: z.input<B> }
    : { body: z.input<B> }
  : { body?: never };
/** An `idempotent: true` route cannot be called without its key. */
type KeyInput<S> = [S] extends [{ idempotent: true }] ? { idempotencyKey: string } : { idempotencyKey?: string };

/** A route that answers other than JSON (a CSV download) says so: the transport must read it as text. */
type AcceptInput<S> = [S] extends [{ produces: infer P extends string }] ? { accept: P } : { accept?: never };

/** What a call of route `S` takes: path parameters, query and body as the schemas accept them. */
export type CallInput<S> = ParamsInput<S> & QueryInput<S> & BodyInput<S> & KeyInput<S> & AcceptInput<S>;
/** What a call of route `S` answers: the response schema's output. */
export type CallOutput<S> = S extends { response: infer R extends z.ZodType } ? z.output<R> : never;

/** The input argument is optional when nothing in it is required. */
export type CallArgs<S, Extra> = object extends CallInput<S> & Extra
  ? [input?: CallInput<S> & Extra]
  : [input: CallInput<S> & Extra];

/** One request, ready for a transport: the path has its parameters filled and its query string. */
export interface ClientRequest {
  readonly key: string;
  readonly method: Method;
  readonly path: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  /** The media type the route produces when it is not JSON (`text/csv`). */
  readonly accept?: string;
}

/** Sends a request; resolves to the decoded response body, or throws the end's own error. */
export type Transport<Extra> = (request: ClientRequest, extra: Extra) => Promise<unknown>;

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE'];

/** `'GET /v1/x/{id}'` → method and path template. */
export function parseRouteKey(key: string): { method: Method; path: string } {
  const [method, path, ...rest] = key.split(' ');
  if (!method || !METHODS.includes(method) || !path?.startsWith('/') || rest.length > 0)
    throw new Error(`not a route key: ${key}`);
  return { method: method as Method, path };
}

/** Fills each `{name}` of a path template with its parameter, URL-encoded; a missing one is a bug. */
export function fillPath(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') throw new Error(`${template}: no ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=x`, leaving out absent and empty values; '' when nothing is left. */
export function queryString(query: Record<string, unknown> = {}): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The request a route key and its inputs make. */
export function requestFor(
  key: string,
  input: { params?: object; query?: object; body?: unknown; idempotencyKey?: string; accept?: string } = {},
): ClientRequest {
  const { method, path } = parseRouteKey(key);
  return {
    key,
    method,
    path:
      fillPath(path, input.params as Record<string, unknown> | undefined) +
      queryString(input.query as Record<string, unknown> | undefined),
    ...(input.body === undefined ? {} : { body: input.body }),
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    ...(input.accept ? { accept: input.accept } : {}),
  };
}

/**
 * A typed `call(routeKey, { params, query, body, idempotencyKey, ...extra })` over a
 * route table type (`typeof routes`) and a transport; `Extra` is what the transport
 * takes besides (a token, a flag).
 */
export function createClient<Routes extends Record<string, RouteShape>, Extra extends object = object>(
  transport: Transport<Extra>,
) {
  return function call<K extends keyof Routes & string>(
    key: K,
    ...[input]: CallArgs<Routes[K], Extra>
  ): Promise<CallOutput<Routes[K]>> {
    const given = (input ?? {}) as CallInput<Routes[K]> & Extra;
    return transport(requestFor(key, given as Parameters<typeof requestFor>[1]), given) as Promise<
      CallOutput<Routes[K]>
    >;
  };
}
