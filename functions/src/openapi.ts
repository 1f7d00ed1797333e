/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
import * as z from 'zod';
import { type RouteSpec, routeList, type Stage } from './routes.js';

const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

function parameters(spec: RouteSpec) {
  const out: Record<string, unknown>[] = [];
  for (const [where, obj] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!obj) continue;
    const json = schema(obj, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {}))
      out.push({ name, in: where, required: where === 'path' || Boolean(json.required?.includes(name)), schema: prop });
  }
  if (spec.idempotent)
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
    });
  return out;
}

function errors(spec: RouteSpec) {
  const content = { 'application/json': { schema: schema(ErrorSchema, 'output') } };
  const codes: Record<string, string> = { '500': '系统错误（不含内部细节）' };
  if (spec.params || spec.query || spec.body || spec.idempotent) codes['400'] = '请求有误，details 指出字段';
  if (spec.access !== 'public') codes['401'] = '未登录或登录已过期';
  if (typeof spec.access === 'object') codes['403'] = '没有该社区的相应身份';
  return Object.fromEntries(Object.entries(codes).map(([code, description]) => [code, { description, content }]));
}

/** Open311 posts forms; WeChat's safe-mode pushes are a JSON envelope too, read as text to check it. */
function requestType(spec: RouteSpec): string {
  return spec.bodyFormat === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
}

/** What a route answers: its own type, Open311's XML for a `.xml` path, JSON otherwise. */
function mediaType(spec: RouteSpec, path: string): string {
  if (spec.produces) return spec.produces;
  return spec.xml && path.endsWith('.xml') ? 'text/xml' : 'application/json';
}

export function openApiDocument(stage: Stage) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path, spec } of routeList(stage)) {
    const status = String(spec.status ?? 200);
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[method.toLowerCase()] = {
      summary: spec.summary,
      tags: [spec.context],
      security: spec.access === 'public' ? [] : [{ session: [] }],
      'x-linli-access': spec.access,
      parameters: parameters(spec),
      ...(spec.body
        ? { requestBody: { required: true, content: { [requestType(spec)]: { schema: schema(spec.body, 'input') } } } }
        : {}),
      responses: {
        [status]:
          status === '204'
            ? { description: 'No content' }
            : {
                description: 'OK',
                content: { [mediaType(spec, path)]: { schema: schema(spec.response, 'output') } },
              },
        ...errors(spec),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Linli API', version: '1', description: '邻里：社区意见箱、积分与公告' },
    components: { securitySchemes: { session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
