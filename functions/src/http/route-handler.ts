/**
 * The shared middy stack. A route handler names its route and does its work;
 * parsing, validation, authentication, authorization, idempotency, error
 * mapping and logging all happen here, the same way for every route.
 */
import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
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
import { countRoundTrips, describeCommands } from '../data/round-trips.js';
import type { StreetMembershipRecord } from '../data/streets.js';
import type { UnitMembershipRecord } from '../data/units.js';
import type { MembershipRecord } from '../data/users.js';
import { access } from '../deps.js';
import { countMetric, REFUSALS } from '../metrics.js';
import { type RouteSpec, routeEntries, type Stage } from '../routes/spec.js';
import type { RouteKey, Routes } from '../routes.js';
import { tracer } from '../tracer.js';
import type { AccessDeps } from './access.js';
import { parsePart, readFormBody, readJsonBody, readTextBody } from './input.js';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'linli' });

export interface Caller {
  readonly userId: string;
}

type Spec<K extends RouteKey> = Routes[K];
type Part<S, F extends string> = S extends { readonly [P in F]: infer T extends z.ZodType } ? z.output<T> : undefined;

export interface RouteRequest<S> {
  params: Part<S, 'params'>;
  query: Part<S, 'query'>;
  body: Part<S, 'body'>;
  caller: S extends { access: 'public' } ? null : Caller;
  /** The caller's membership in the path's community (role-guarded routes). */
  membership: S extends { access: { roles: unknown } } ? MembershipRecord : undefined;
  /** The caller's roles over the path's street (street-guarded routes). */
  streetMembership: S extends { access: { streetRoles: unknown } } ? StreetMembershipRecord : undefined;
  /** The caller's roles in the path's unit (unit-guarded routes). */
  unitMembership: S extends { access: { unitRoles: unknown } } ? UnitMembershipRecord : undefined;
  idempotency: S extends { idempotent: true } ? Idempotency : undefined;
  requestId: string;
  event: APIGatewayProxyEventV2;
}

export type RouteResult<S> = S extends { response: infer R extends z.ZodType } ? z.input<R> : never;

export type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** A route's handler as its module defines it; its context's Lambda builds the middy stack around it. */
export interface RouteDefinition {
  readonly key: RouteKey;
  readonly fn: (request: RouteRequest<RouteSpec>) => Promise<unknown>;
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

/** The path parameter a street- or unit-guarded route is guarded by. */
function pathId(key: string, params: unknown, name: 'streetId' | 'unitId'): string {
  const id = (params as Record<string, string> | undefined)?.[name];
  if (!id) throw new Error(`Route ${key} guards ${name} roles but has no ${name}`);
  return id;
}

/**
 * The caller's street or unit membership when it holds one of `wanted`: what
 * the container remembers may only let a request through; a refusal is read fresh.
 */
async function holding<M extends { roles: readonly string[] }>(
  wanted: readonly string[],
  read: (fresh: boolean) => Promise<M | undefined>,
): Promise<M | undefined> {
  const holds = (m: M | undefined) => Boolean(m?.roles.some((r) => wanted.includes(r)));
  const remembered = await read(false);
  if (holds(remembered)) return remembered;
  const fresh = await read(true);
  return holds(fresh) ? fresh : undefined;
}

/** Authenticates, authorizes and parses, in the order a client expects its errors. */
function prepare(key: string, spec: RouteSpec, access: () => AccessDeps): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: async (request) => {
      const { event } = request;
      const headers = event.headers ?? {};
      let caller: Caller | null = null;
      let membership: MembershipRecord | undefined;
      let streetMembership: StreetMembershipRecord | undefined;
      let unitMembership: UnitMembershipRecord | undefined;

      if (spec.access !== 'public') {
        const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
        if (!match?.[1]) throw new UnauthorizedError();
        const { userId } = await access().verifyToken(match[1]);
        caller = { userId };
      }
      const params = spec.params ? parsePart('path', spec.params, event.pathParameters ?? {}) : undefined;
      if (caller && spec.access === 'user' && !(await access().userExists(caller.userId)))
        throw new UnauthorizedError('USER_GONE', '账号已注销，请重新登录');
      if (caller && typeof spec.access === 'object' && 'streetRoles' in spec.access) {
        const streetId = pathId(key, params, 'streetId');
        streetMembership = await holding(spec.access.streetRoles, (fresh) =>
          access().streetMembership(caller.userId, streetId, { fresh }),
        );
        if (!streetMembership) throw new ForbiddenError('STREET_ROLE_REQUIRED', '您不是该街道的管理人员');
      } else if (caller && typeof spec.access === 'object' && 'unitRoles' in spec.access) {
        const unitId = pathId(key, params, 'unitId');
        unitMembership = await holding(spec.access.unitRoles, (fresh) =>
          access().unitMembership(caller.userId, unitId, { fresh }),
        );
        if (!unitMembership) throw new ForbiddenError('UNIT_ROLE_REQUIRED', '您不是该单位的工作人员');
      } else if (caller && typeof spec.access === 'object' && 'roles' in spec.access) {
        const communityId = (params as { communityId?: string } | undefined)?.communityId;
        if (!communityId) throw new Error(`Route ${key} guards roles but has no communityId`);
        const { roles } = spec.access;
        membership = await access().membership(caller.userId, communityId);
        // What the container remembers may only let a request through; a refusal is read fresh.
        if (!membership || !hasAnyRole(membership.roles, roles))
          membership = await access().membership(caller.userId, communityId, { fresh: true });
        if (!membership) throw new ForbiddenError('NOT_A_MEMBER', '您不是该社区的成员');
        if (!hasAnyRole(membership.roles, roles)) throw new ForbiddenError('ROLE_REQUIRED', '您的身份无权进行此操作');
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
        streetMembership,
        unitMembership,
        idempotency,
        requestId: requestIdOf(event),
        event,
      } as RouteRequest<RouteSpec>;
    },
  };
}

/**
 * Writes a result as XML: `root` holds the value, each item of a list is an
 * `item` element. A context that declares `xml` routes brings its own writer,
 * so only its bundle carries an XML library.
 */
export type XmlWriter = (value: unknown, names: { readonly root: string; readonly item?: string }) => string;

const XML_HEADERS = { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store' };

/** An Open311 route answers in XML when its path asks for it (`….xml`), in JSON otherwise. */
export function wantsXml(spec: RouteSpec, event: APIGatewayProxyEventV2): boolean {
  return Boolean(spec.xml) && /\.xml$/i.test(event.rawPath ?? '');
}

function xmlResponse(statusCode: number, xml: string, headers: Record<string, string> = {}) {
  return { statusCode, headers: { ...XML_HEADERS, ...headers }, body: xml };
}

/** Typed errors become their status and code; anything else is an opaque 500. */
function errorResponse(
  spec: RouteSpec,
  writeXml: XmlWriter | undefined,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const body = (status: number, code: string, message: string, requestId: string, details?: ErrorDetail[]) =>
    spec.errorFormat === 'open311'
      ? [{ code: status, description: details?.length ? `${details[0]?.field}: ${message}` : message }]
      : { error: { code, message, details, requestId } };
  const answer = (event: APIGatewayProxyEventV2, status: number, value: unknown, headers: Record<string, string>) =>
    writeXml && wantsXml(spec, event)
      ? xmlResponse(status, writeXml(value, { root: 'errors', item: 'error' }), headers)
      : json(status, value, headers);
  return {
    onError: async (request) => {
      const { error: raised } = request;
      const requestId = requestIdOf(request.event);
      // DynamoDB still throttling after the SDK's retries, a lost answer, or no time left before the Lambda's
      // timeout: "busy, send it again with the same Idempotency-Key", which replays whatever was written.
      const error = isThrottle(raised) || isTimeout(raised) ? new BusyError() : raised;
      if (error !== raised)
        logger.warn('Answered busy', { cause: (raised as Error).name, reason: (raised as Error).message });
      if (error instanceof AppError) {
        if (error.status >= 500) logger.warn('Upstream failure', upstreamLogFields(error));
        else countMetric(REFUSALS, { code: error.code });
        const headers: Record<string, string> =
          error.status === 401
            ? { 'www-authenticate': 'Bearer' }
            : error instanceof BusyError
              ? { 'retry-after': String(error.retryAfterSeconds) }
              : {};
        request.response = answer(
          request.event,
          error.status,
          body(error.status, error.code, error.message, requestId, error.details),
          headers,
        );
        return;
      }
      logger.error('Unhandled error', error as Error);
      request.response = answer(request.event, 500, body(500, 'INTERNAL', '系统繁忙，请稍后再试', requestId), {});
    },
  };
}

const THROTTLES = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']);

function isThrottle(error: unknown): boolean {
  return error instanceof Error && THROTTLES.has(error.name);
}

/** The SDK's socket timeout (the answer was lost) and middy's early answer before the Lambda's own timeout. */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

function respond(
  spec: RouteSpec,
  status: number,
  result: unknown,
  xml: string | undefined,
): APIGatewayProxyStructuredResultV2 {
  if (status === 204) return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
  if (xml !== undefined) return xmlResponse(status, xml);
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
function accessLog(key: string): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
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
): RouteDefinition {
  return { key, fn: fn as unknown as RouteDefinition['fn'] };
}

/** Locally, a response that does not match its route's schema fails loudly instead of reaching a client. */
function checkResponse(key: string, spec: RouteSpec, result: unknown): void {
  if (config.stage !== 'local' || spec.status === 204) return;
  const checked = spec.response.safeParse(result);
  if (checked.success) return;
  logger.error('Response does not match its schema', {
    route: key,
    issues: checked.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
  throw new Error(`The response of ${key} does not match its schema`);
}

function build(key: string, spec: RouteSpec, fn: RouteDefinition['fn'], writeXml?: XmlWriter): LambdaHandler {
  const status = spec.status ?? 200;
  if (spec.xml && !writeXml) throw new Error(`${key} answers in XML, but its context brings no XML writer`);
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    // The response is not captured: it carries residents' data. The route names the trace.
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use({ before: async () => tracer.putAnnotation('route', key) })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(accessLog(key))
    .use(prepare(key, spec, access))
    .use(errorResponse(spec, writeXml))
    .handler(async (event, context) => {
      const result = await fn((context as PreparedContext).linli as RouteRequest<RouteSpec>);
      checkResponse(key, spec, result);
      const xml = spec.xml && writeXml && wantsXml(spec, event) ? writeXml(result, spec.xml) : undefined;
      if (spec.metric) countMetric(spec.metric);
      return respond(spec, status, result, xml);
    }) as unknown as LambdaHandler;
  if (config.stage !== 'local') return handler;
  // Locally, every response says how many DynamoDB round trips it took (the benchmark prints them).
  return async (event, context) => {
    const { result, calls, transactions, commands, faults } = await countRoundTrips(() => handler(event, context));
    return {
      ...result,
      headers: {
        ...result.headers,
        'x-linli-dynamodb-calls': String(calls),
        'x-linli-dynamodb-transactions': String(transactions),
        // Which calls, in order (`GetItem,BatchGetItem,TransactWriteItems`): what to fold next.
        'x-linli-dynamodb-commands': describeCommands(commands),
        // What the fault layer (LINLI_FAULTS) injected on the way, retries included (`throttle:Query,timeout:PutItem`).
        ...(faults.length ? { 'x-linli-dynamodb-faults': describeCommands(faults) } : {}),
      },
    };
  };
}

/**
 * A context's Lambda entry: routes API Gateway's `routeKey` to its handler.
 * `table` is the context's own slice of the route table, so the bundle carries
 * only its routes and schemas; a definition for a route outside it is a bug.
 */
export function contextHandler(
  table: Readonly<Record<string, RouteSpec>>,
  definitions: RouteDefinition[],
  stage: Stage,
  writers: { xml?: XmlWriter } = {},
): LambdaHandler & { routeKeys: string[] } {
  const served = new Map(routeEntries(table, stage).map((r) => [r.key, r.spec]));
  const byKey = new Map<string, LambdaHandler>();
  for (const { key, fn } of definitions) {
    if (!(key in table)) throw new Error(`${key} is not a route of this context`);
    const spec = served.get(key);
    if (spec) byKey.set(key, build(key, spec, fn, writers.xml));
  }
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
