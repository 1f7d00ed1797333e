import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTEXTS, routeList, routes, slices } from '../../functions/src/routes.js';
import { localEnv } from './local-env.js';

describe('the route table', () => {
  it('guards every role-checked route with a {communityId} in its path, every street-role one with a {streetId}, every unit-role one with a {unitId}', () => {
    for (const r of routeList())
      if (typeof r.spec.access === 'object')
        expect(r.path, r.key).toContain(
          'roles' in r.spec.access ? '{communityId}' : 'streetRoles' in r.spec.access ? '{streetId}' : '{unitId}',
        );
  });

  it('has only path parts API Gateway accepts: a literal, or a parameter that is the whole segment', () => {
    // The check API Gateway v2 applies to every route path (a partial parameter like `{id}.json` is refused at deploy).
    const part = /^(\{[\w.-]+\+?\}|[a-zA-Z0-9._-]+)$/;
    for (const r of routeList()) for (const segment of r.path.split('/').slice(1)) expect(segment, r.key).toMatch(part);
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

  it('is one slice per context, with no route in two slices and each in the slice of its context', () => {
    const sliced = Object.entries(slices).flatMap(([context, slice]) =>
      Object.entries(slice).map(([key, spec]) => ({ key, context, declared: (spec as { context: string }).context })),
    );
    expect(new Set(sliced.map((r) => r.key)).size, 'a key in two slices').toBe(sliced.length);
    expect(sliced.length).toBe(Object.keys(routes).length);
    for (const r of sliced) expect(r.declared, r.key).toBe(r.context);
  });

  it('names every route by a literal key beside its handler: one defineRoute in its context’s folder', () => {
    const handlers = fileURLToPath(new URL('../../functions/src/handlers/', import.meta.url));
    for (const context of CONTEXTS) {
      const folder = join(handlers, context);
      const sources = readdirSync(folder)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => ({ file: f, text: readFileSync(join(folder, f), 'utf8') }));
      for (const r of routeList().filter((r) => r.spec.context === context)) {
        const defining = sources.filter(({ text }) =>
          new RegExp(`defineRoute\\(\\s*'${r.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`).test(text),
        );
        expect(
          defining.map((d) => d.file),
          r.key,
        ).toHaveLength(1);
      }
    }
  });
});
