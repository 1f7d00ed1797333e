/**
 * The shared middy stack. A route handler names its route and does its work;
 * parsing, validation, authentication, authorization, idempotency, error
 * mapping and logging all happen here, the same way for every route.
 */
import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import {
  AppError,
  BusyError,
  type CsvFile,
  type ErrorDetail,
  ForbiddenError,
  hasAnyRole,
  IdempotencyKey,
  NotFoundError,
  UnauthorizedError,
} from '@linli/shared';
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { upstreamLogFields } from '../clients/wechat.js';
import { config } from '../config.js';
import type { Idempotency } from '../data/idempotency.js';
import { countRoundTrips } from '../data/round-trips.js';
import type { MembershipRecord } from '../data/users.js';
import { access } from '../deps.js';
import { type RouteKey, type RouteSpec, routeList, routes, type Stage } from '../routes.js';
import { parsePart, readFormBody, readJsonBody, readTextBody } from './input.js';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'linli' });

export interface Caller {
  readonly userId: string;
}

/** What the stack needs from the rest of the system to check a caller. */
export interface AccessDeps {
  verifyToken(token: string): Promise<{ userId: string }>;
  userExists(userId: string): Promise<boolean>;
  membership(userId: string, communityId: string): Promise<MembershipRecord | undefined>;
}

type Spec<K extends RouteKey> = (typeof routes)[K];
type Part<S, F extends string> = S extends { readonly [P in F]: infer T extends z.ZodType } ? z.output<T> : undefined;

export interface RouteRequest<S> {
  params: Part<S, 'params'>;
  query: Part<S, 'query'>;
  body: Part<S, 'body'>;
  caller: S extends { access: 'public' } ? null : Caller;
  /** The caller's membership in the path's community (role-guarded routes). */
  membership: S extends { access: { roles: unknown } } ? MembershipRecord : undefined;
  idempotency: S extends { idempotent: true } ? Idempotency : undefined;
  requestId: string;
  event: APIGatewayProxyEventV2;
}

export type RouteResult<S> = S extends { response: infer R extends z.ZodType } ? z.input<R> : never;

export type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface RouteHandler {
  readonly key: RouteKey;
  readonly handler: LambdaHandler;
}

interface PreparedContext extends Context {
  linli?: RouteRequest<RouteSpec>;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

function requestIdOf(event: APIGatewayProxyEventV2): string {
  return event.requestContext?.requestId ?? 'unknown';
}

/** Authenticates, authorizes and parses, in the order a client expects its errors. */
function prepare(key: RouteKey, spec: RouteSpec, access: () => AccessDeps): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: async (request) => {
      const { event } = request;
      const headers = event.headers ?? {};
      let caller: Caller | null = null;
      let membership: MembershipRecord | undefined;

      if (spec.access !== 'public') {
        const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
        if (!match?.[1]) throw new UnauthorizedError();
        const { userId } = await access().verifyToken(match[1]);
        caller = { userId };
      }
      const params = spec.params ? parsePart('path', spec.params, event.pathParameters ?? {}) : undefined;
      if (caller && spec.access === 'user' && !(await access().userExists(caller.userId)))
        throw new UnauthorizedError('USER_GONE', '账号已注销，请重新登录');
      if (caller && typeof spec.access === 'object') {
        const communityId = (params as { communityId?: string } | undefined)?.communityId;
        if (!communityId) throw new Error(`Route ${key} guards roles but has no communityId`);
        membership = await access().membership(caller.userId, communityId);
        if (!membership) throw new ForbiddenError('NOT_A_MEMBER', '您不是该社区的成员');
        if (!hasAnyRole(membership.roles, spec.access.roles))
          throw new ForbiddenError('ROLE_REQUIRED', '您的身份无权进行此操作');
      }
      const query = spec.query ? parsePart('query', spec.query, event.queryStringParameters ?? {}) : undefined;
      const read = spec.bodyFormat === 'form' ? readFormBody : spec.bodyFormat === 'text' ? readTextBody : readJsonBody;
      const body = spec.body
        ? parsePart('body', spec.body, read(event.body, event.isBase64Encoded, headers['content-type']))
        : undefined;
      let idempotency: Idempotency | undefined;
      if (spec.idempotent && caller) {
        const idemKey = parsePart('headers.idempotency-key', IdempotencyKey, headers['idempotency-key']);
        const fingerprint = createHash('sha256')
          .update(`${key}\n${JSON.stringify(params ?? {})}\n${JSON.stringify(body ?? null)}`)
          .digest('base64url');
        idempotency = { scope: caller.userId, key: idemKey, fingerprint };
      }
      (request.context as PreparedContext).linli = {
        params,
        query,
        body,
        caller,
        membership,
        idempotency,
        requestId: requestIdOf(event),
        event,
      } as RouteRequest<RouteSpec>;
    },
  };
}

/** Typed errors become their status and code; anything else is an opaque 500. */
function errorResponse(spec: RouteSpec): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const body = (status: number, code: string, message: string, requestId: string, details?: ErrorDetail[]) =>
    spec.errorFormat === 'open311'
      ? [{ code: status, description: details?.length ? `${details[0]?.field}: ${message}` : message }]
      : { error: { code, message, details, requestId } };
  return {
    onError: async (request) => {
      const { error: raised } = request;
      const requestId = requestIdOf(request.event);
      // DynamoDB still throttling after the SDK's retries is "busy, retry", not a server error.
      const error = isThrottle(raised) ? new BusyError() : raised;
      if (error instanceof AppError) {
        if (error.status >= 500) logger.warn('Upstream failure', upstreamLogFields(error));
        const headers: Record<string, string> =
          error.status === 401
            ? { 'www-authenticate': 'Bearer' }
            : error instanceof BusyError
              ? { 'retry-after': String(error.retryAfterSeconds) }
              : {};
        request.response = json(
          error.status,
          body(error.status, error.code, error.message, requestId, error.details),
          headers,
        );
        return;
      }
      logger.error('Unhandled error', error as Error);
      request.response = json(500, body(500, 'INTERNAL', '系统繁忙，请稍后再试', requestId));
    },
  };
}

const THROTTLES = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']);

function isThrottle(error: unknown): boolean {
  return error instanceof Error && THROTTLES.has(error.name);
}

function respond(spec: RouteSpec, status: number, result: unknown): APIGatewayProxyStructuredResultV2 {
  if (status === 204) return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
  if (spec.produces === 'text/plain')
    return { statusCode: status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: String(result) };
  if (spec.produces === 'text/csv') {
    const file = result as CsvFile;
    return {
      statusCode: status,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'cache-control': 'no-store',
      },
      // A byte-order mark so spreadsheet programs read the Chinese as UTF-8.
      body: `\uFEFF${file.csv}`,
    };
  }
  return json(status, result);
}

/** One line per request: route, status and time; never bodies, tokens or names. */
function accessLog(key: RouteKey): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const started = new WeakMap<object, number>();
  const log = (request: { event: APIGatewayProxyEventV2; response?: APIGatewayProxyStructuredResultV2 | null }) => {
    const status = request.response?.statusCode ?? 500;
    const durationMs = Date.now() - (started.get(request.event) ?? Date.now());
    logger.info('request', { route: key, status, durationMs, requestId: requestIdOf(request.event) });
  };
  return {
    before: async (request) => {
      started.set(request.event, Date.now());
    },
    after: async (request) => log(request),
    onError: async (request) => {
      if (request.response) log(request);
    },
  };
}

/** Defines the handler of one route of the table. */
export function defineRoute<K extends RouteKey>(
  key: K,
  fn: (request: RouteRequest<Spec<K>>) => Promise<RouteResult<Spec<K>>>,
): RouteHandler {
  const spec = routes[key] as RouteSpec;
  const status = spec.status ?? 200;
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(accessLog(key))
    .use(prepare(key, spec, access))
    .use(errorResponse(spec))
    .handler(async (_event, context) => {
      const prepared = (context as PreparedContext).linli as RouteRequest<Spec<K>>;
      const result = await fn(prepared);
      return respond(spec, status, result);
    });
  // Locally, every response says how many DynamoDB round trips it took (the benchmark prints them).
  if (config.stage === 'local') {
    const counted: LambdaHandler = async (event, context) => {
      const { result, calls, transactions } = await countRoundTrips(() =>
        (handler as unknown as LambdaHandler)(event, context),
      );
      return {
        ...result,
        headers: {
          ...result.headers,
          'x-linli-dynamodb-calls': String(calls),
          'x-linli-dynamodb-transactions': String(transactions),
        },
      };
    };
    return { key, handler: counted };
  }
  return { key, handler: handler as unknown as LambdaHandler };
}

/** A context's Lambda entry: routes API Gateway's `routeKey` to its handler. */
export function contextHandler(handlers: RouteHandler[], stage: Stage): LambdaHandler & { routeKeys: string[] } {
  const served = new Set<string>(routeList(stage).map((r) => r.key));
  const byKey = new Map(handlers.filter((h) => served.has(h.key)).map((h) => [h.key as string, h.handler]));
  const dispatch: LambdaHandler = async (event, context) => {
    const handler = byKey.get(event.routeKey);
    if (!handler) {
      const error = new NotFoundError('ROUTE_NOT_FOUND', '接口不存在');
      return json(404, { error: { code: error.code, message: error.message, requestId: requestIdOf(event) } });
    }
    return handler(event, context);
  };
  return Object.assign(dispatch, { routeKeys: [...byKey.keys()] });
}
