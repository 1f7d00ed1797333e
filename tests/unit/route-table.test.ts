import { describe, expect, it } from 'vitest';
import { CONTEXTS, routeList, routes } from '../../functions/src/routes.js';
import { localEnv } from './local-env.js';

describe('the route table', () => {
  it('guards every role-checked route with a {communityId} in its path', () => {
    for (const r of routeList())
      if (typeof r.spec.access === 'object') expect(r.path, r.key).toContain('{communityId}');
  });

  it('demands an Idempotency-Key only of routes that change something', () => {
    for (const r of routeList())
      if (r.spec.idempotent) expect(['POST', 'PUT', 'PATCH', 'DELETE'], r.key).toContain(r.method);
  });

  it('leaves the demo sign-in out of every cloud stage', () => {
    for (const stage of ['dev', 'prod'] as const) {
      const keys = routeList(stage).map((r) => r.key);
      expect(keys).not.toContain('POST /v1/auth/dev');
      expect(keys).not.toContain('GET /v1/auth/dev/personas');
    }
    expect(routeList('local').map((r) => r.key)).toContain('POST /v1/auth/dev');
  });

  it('has a handler in its context’s Lambda for every route', async () => {
    localEnv();
    for (const context of CONTEXTS) {
      const module = await import(`../../functions/src/handlers/${context}/index.ts`);
      const expected = routeList('local')
        .filter((r) => r.spec.context === context)
        .map((r) => r.key);
      expect([...module.handler.routeKeys].sort(), context).toEqual(expected.sort());
    }
    const { handler } = await import('../../functions/src/handlers/system/index.js');
    // A route of another context is not served by this one.
    const res = await handler({ routeKey: 'GET /v1/me', requestContext: { requestId: 'r1' } } as never, {} as never);
    expect(res.statusCode).toBe(404);
    expect(Object.keys(routes).length).toBe(routeList('local').length);
  });
});
