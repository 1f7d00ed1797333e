import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { localEnv } from './local-env.js';

localEnv();
const { defineRoute, contextHandler, logger } = await import('../../functions/src/http/route-handler.js');
const { slices } = await import('../../functions/src/routes.js');
/** One route served the way its context's Lambda serves it. */
const served = (route: ReturnType<typeof defineRoute>) => contextHandler(slices.system, [route], 'local');

function event(routeKey: string, extra: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ') as [string, string];
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', http: { method, path } } as APIGatewayProxyEventV2['requestContext'],
    ...extra,
  };
}

const context = { awsRequestId: 'req-1', functionName: 'unit', getRemainingTimeInMillis: () => 1000 } as never;

describe('the HTTP stack', () => {
  it('turns an unexpected error into an opaque 500 and logs it', async () => {
    // Prepare
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const route = defineRoute('GET /v1/health', async () => {
      throw new Error('table linli-secret-internal-name is on fire');
    });
    // Act
    const res = await served(route)(event('GET /v1/health'), context);
    // Assess
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('fire');
    expect(res.body).not.toContain('linli-secret');
    expect(JSON.parse(res.body as string).error).toEqual({
      code: 'INTERNAL',
      message: '系统繁忙，请稍后再试',
      requestId: 'req-1',
    });
    expect(logged).toHaveBeenCalledOnce();
  });

  it('fails a response that does not match its route’s schema loudly on the local stage, naming the route', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const route = defineRoute('GET /v1/health', async () => ({ status: 'ok', database: 42 }) as never);
    const res = await served(route)(event('GET /v1/health'), context);
    expect(res.statusCode).toBe(500);
    expect(logged).toHaveBeenCalledWith(
      'Response does not match its schema',
      expect.objectContaining({ route: 'GET /v1/health' }),
    );
    logged.mockRestore();
  });

  it('answers a timeout (a lost answer, or no time left) 503 BUSY with Retry-After, so the app sends it again', async () => {
    const warned = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const route = defineRoute('GET /v1/health', async () => {
      throw Object.assign(new Error('[AbortError]: The operation was aborted.'), { name: 'TimeoutError' });
    });
    const res = await served(route)(event('GET /v1/health'), context);
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse(res.body as string).error.code).toBe('BUSY');
    expect(warned).toHaveBeenCalledWith('Answered busy', expect.objectContaining({ cause: 'TimeoutError' }));
    warned.mockRestore();
  });

  it('maps a typed error to its status and code', async () => {
    const { ConflictError } = await import('@linli/shared');
    const route = defineRoute('GET /v1/health', async () => {
      throw new ConflictError('SOMETHING_TAKEN', '已被占用');
    });
    const res = await served(route)(event('GET /v1/health'), context);
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body as string).error).toMatchObject({ code: 'SOMETHING_TAKEN', message: '已被占用' });
  });

  it('does not serve the demo sign-in outside the local stage', async () => {
    const route = defineRoute('POST /v1/auth/dev', async () => ({
      token: 't',
      expiresAt: new Date().toISOString(),
      user: { userId: 'u1', nickname: 'x', createdAt: new Date().toISOString() },
    }));
    const prod = contextHandler(slices.auth, [route], 'prod');
    const local = contextHandler(slices.auth, [route], 'local');
    const body = { body: '{"persona":"newcomer"}', headers: { 'content-type': 'application/json' } };
    expect((await prod(event('POST /v1/auth/dev', body), context)).statusCode).toBe(404);
    expect((await local(event('POST /v1/auth/dev', body), context)).statusCode).toBe(200);
  });
});
