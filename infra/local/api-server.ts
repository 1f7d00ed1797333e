/**
 * The local API: a node:http adapter that turns each request into a full
 * API Gateway HTTP API v2 event, routes it by the one route table to the
 * same context handler the cloud runs, and serves the H5 build beside it.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { LambdaHandler } from '../../functions/src/http/route-handler.js';
import { type Context as RouteContext, type RouteEntry, routeList } from '../../functions/src/routes.js';

const MAX_BODY_BYTES = 1024 * 1024;

interface CompiledRoute {
  entry: RouteEntry;
  pattern: RegExp;
  names: string[];
  /** A greedy `{name+}` (the rest of the path): tried after every other route, as API Gateway does. */
  greedy: boolean;
}

function compile(entry: RouteEntry): CompiledRoute {
  const names: string[] = [];
  let greedy = false;
  const source = entry.path
    .replace(/[.*?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)(\+?)\}/g, (_m, name: string, plus: string) => {
      if (plus) {
        greedy = true;
        return '.+';
      }
      names.push(name);
      return '([^/]+)';
    });
  return { entry, pattern: new RegExp(`^${source}$`), names, greedy };
}

const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface ApiServerOptions {
  port: number;
  host?: string;
  handlers: Record<RouteContext, LambdaHandler>;
  /** The H5 build to serve for every path that is not an API route. */
  h5Dir?: string;
  /** Path prefixes forwarded to another local server (prefix → target URL prefix). */
  proxies?: Record<string, string>;
}

export function buildEvent(
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  pathParameters: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(contentType);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route.entry.key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: req.headers.cookie?.split(/;\s*/),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: route.names.length ? pathParameters : undefined,
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: !isText,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.entry.key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  };
}

function lambdaContext(functionName: string, requestId: string): Context {
  const deadline = Date.now() + 10_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function sendJson(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...extra });
  res.end(JSON.stringify({ error: { code, message } }));
}

/** The request body, or undefined past the limit (the rest is drained, not kept, so the connection stays sane). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

async function serveStatic(res: ServerResponse, h5Dir: string, pathname: string) {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  for (const candidate of [join(h5Dir, safe), join(h5Dir, 'index.html')]) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile() && candidate.startsWith(h5Dir)) {
      const html = candidate.endsWith('.html');
      res.writeHead(200, {
        'content-type': MIME[extname(candidate)] ?? 'application/octet-stream',
        'cache-control': html ? 'no-cache' : 'public, max-age=31536000, immutable',
      });
      createReadStream(candidate).pipe(res);
      return;
    }
  }
  sendJson(res, 404, 'H5_BUILD_MISSING', '小程序网页版尚未构建：请运行 npm run build:h5');
}

/** Passes a request on to another local server and its answer back. */
async function forward(req: IncomingMessage, res: ServerResponse, target: string) {
  const body = await readBody(req);
  if (!body) return sendJson(res, 413, 'PAYLOAD_TOO_LARGE', '请求内容过大');
  const method = req.method ?? 'GET';
  const answer = await fetch(target, {
    method,
    headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
    body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
  });
  res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
  res.end(Buffer.from(await answer.arrayBuffer()));
}

export async function startApiServer(opts: ApiServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  // Literal segments win over parameters, as in API Gateway: `/feedback/mine` before `/feedback/{reportId}`.
  const compiled = routeList('local')
    .map(compile)
    .sort((a, b) => Number(a.greedy) - Number(b.greedy) || a.names.length - b.names.length);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const method = req.method ?? 'GET';
      let pathMatched = false;
      for (const route of compiled) {
        const match = route.pattern.exec(url.pathname);
        if (!match) continue;
        pathMatched = true;
        if (route.entry.method !== method) continue;
        const body = await readBody(req);
        if (!body) return sendJson(res, 413, 'PAYLOAD_TOO_LARGE', '请求内容过大');
        const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')]));
        const event = buildEvent(req, url, route, params, body);
        const handler = opts.handlers[route.entry.spec.context];
        const result = (await handler(
          event,
          lambdaContext(`linli-${route.entry.spec.context}`, event.requestContext.requestId),
        )) as APIGatewayProxyStructuredResultV2;
        const headers = { ...(result.headers ?? {}) } as Record<string, string | string[]>;
        if (result.cookies?.length) headers['set-cookie'] = result.cookies;
        res.writeHead(result.statusCode ?? 200, headers);
        res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
        return;
      }
      if (pathMatched) return sendJson(res, 405, 'METHOD_NOT_ALLOWED', '不支持该请求方法');
      const proxy = Object.entries(opts.proxies ?? {}).find(([prefix]) => url.pathname.startsWith(prefix));
      if (proxy) return await forward(req, res, `${proxy[1]}${url.pathname.slice(proxy[0].length)}${url.search}`);
      if (/^\/(v1|open311)(\/|$)/.test(url.pathname)) return sendJson(res, 404, 'ROUTE_NOT_FOUND', '接口不存在');
      if (opts.h5Dir && (method === 'GET' || method === 'HEAD'))
        return await serveStatic(res, opts.h5Dir, url.pathname);
      sendJson(res, 404, 'NOT_FOUND', '找不到您要的内容');
    } catch (error) {
      console.error('local API adapter failed', error);
      if (!res.headersSent) sendJson(res, 500, 'INTERNAL', '系统繁忙，请稍后再试');
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
