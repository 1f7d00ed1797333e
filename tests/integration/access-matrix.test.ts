/**
 * Every route × role × community pair that must be refused, derived from the
 * route table itself so a new route is covered the day it is added.
 */
import { ROLES, type Role } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import { routeList } from '../../functions/src/routes.js';
import { call, signIn } from '../support/api.js';

/** One demo person per role in 春晖社区, plus outsiders. */
const PERSONA_OF_ROLE: Record<Role, string> = {
  resident: 'resident-wang',
  grid_worker: 'grid-zhang',
  property_staff: 'property-chen',
  station_operator: 'operator-liu',
  admin: 'admin-chunhui',
};

const routes = routeList('local');
const bodyFor = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : {});
const fill = (path: string) =>
  path.replace('{communityId}', 'chunhui').replace(/\{(\w+)\}/g, (_m, name: string) => `some-${name.toLowerCase()}`);

describe('routes refuse callers without a session', () => {
  it.each(routes.filter((r) => r.spec.access !== 'public').map((r) => [r.key, r] as const))(
    '%s → 401',
    async (_key, r) => {
      const res = await call(r.method, fill(r.path), { body: bodyFor(r.method) });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    },
  );
});

const guarded = routes.flatMap((r) =>
  typeof r.spec.access === 'object'
    ? ROLES.filter((role) => !(r.spec.access as { roles: readonly Role[] }).roles.includes(role)).map(
        (role) => [r.key, role, r] as const,
      )
    : [],
);

describe('routes refuse roles they are not for', () => {
  it('covers at least one refused pair per guarded route', () => {
    expect(guarded.length).toBeGreaterThan(0);
  });

  it.each(guarded)('%s refuses a %s', async (_key, role, r) => {
    const res = await call(r.method, fill(r.path), {
      token: await signIn(PERSONA_OF_ROLE[role]),
      body: bodyFor(r.method),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ROLE_REQUIRED');
  });
});

describe('routes refuse people of another community', () => {
  const foreign = routes.filter((r) => typeof r.spec.access === 'object');
  it.each(foreign.flatMap((r) => ['admin-fengqiao', 'grid-xu', 'newcomer'].map((p) => [r.key, p, r] as const)))(
    '%s refuses %s for 春晖社区',
    async (_key, persona, r) => {
      const res = await call(r.method, fill(r.path), { token: await signIn(persona), body: bodyFor(r.method) });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('NOT_A_MEMBER');
    },
  );

  it('refuses an upload ticket for a community one does not belong to', async () => {
    const res = await call('POST', '/v1/uploads', {
      token: await signIn('resident-zhou'),
      body: { communityId: 'chunhui', purpose: 'feedback', contentType: 'image/jpeg', size: 1000 },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_A_MEMBER');
  });
});
