/**
 * Every route × role × community pair that must be refused, derived from the
 * route table itself so a new route is covered the day it is added: each
 * guarded route (`access` 'user' or `{ roles }`) has refused callers, and a
 * community's route open to anyone signed in must be named here on purpose.
 */
import { ROLES, type Role, requestFor } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import { type RouteEntry, routeList } from '../../functions/src/routes.js';
import { api, call, signIn, signInNewWechatUser } from '../support/api.js';

/** One demo person per role in 春晖社区, plus outsiders. */
const PERSONA_OF_ROLE: Record<Role, string> = {
  resident: 'resident-wang',
  grid_worker: 'grid-zhang',
  property_staff: 'property-chen',
  station_operator: 'operator-liu',
  admin: 'admin-chunhui',
};
/** Signed in, but no member of 春晖社区: an admin and a grid worker of 枫桥, and a newcomer bound nowhere. */
const OUTSIDERS = ['admin-fengqiao', 'grid-xu', 'newcomer'];

/** Routes of a community that anyone signed in may call: reading it, asking to live there, its public board. */
const OPEN_COMMUNITY_ROUTES = [
  'GET /v1/communities/{communityId}',
  'POST /v1/communities/{communityId}/households',
  'GET /v1/communities/{communityId}/feedback/board',
];

const routes = routeList('local');
const bodyFor = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : {});
/** The route's path with 春晖社区 and made-up ids for its other parameters, filled by the app's client. */
const fill = (r: RouteEntry) =>
  requestFor(r.key, {
    params: Object.fromEntries(
      Object.keys(r.spec.params?.shape ?? {}).map((name) => [
        name,
        name === 'communityId'
          ? 'chunhui'
          : name === 'streetId'
            ? 'changhe'
            : name === 'unitId'
              ? 'changhe-cg'
              : `some-${name.toLowerCase()}`,
      ]),
    ),
  }).path;

const roleGuarded = routes.filter((r) => typeof r.spec.access === 'object' && 'roles' in r.spec.access);
const streetGuarded = routes.filter((r) => typeof r.spec.access === 'object' && 'streetRoles' in r.spec.access);
const unitGuarded = routes.filter((r) => typeof r.spec.access === 'object' && 'unitRoles' in r.spec.access);
const userGuarded = routes.filter((r) => r.spec.access === 'user');

describe('every guarded route has a refused caller', () => {
  it('guards each route of a community by role, unless it is named open to anyone signed in', () => {
    const open = routes.filter((r) => r.path.startsWith('/v1/communities/{communityId}') && r.spec.access === 'user');
    expect(open.map((r) => r.key).sort()).toEqual([...OPEN_COMMUNITY_ROUTES].sort());
  });

  it('names the community whose roles guard each route guarded by roles', () => {
    for (const r of roleGuarded) expect(r.path, r.key).toContain('{communityId}');
  });

  it('names the street whose roles guard each route guarded by street roles', () => {
    expect(streetGuarded.length).toBeGreaterThan(0);
    for (const r of streetGuarded) expect(r.path, r.key).toContain('{streetId}');
  });
});

describe('routes refuse callers without a session', () => {
  it.each(routes.filter((r) => r.spec.access !== 'public').map((r) => [r.key, r] as const))(
    '%s → 401',
    async (_key, r) => {
      const res = await call(r.method, fill(r), { body: bodyFor(r.method) });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    },
  );
});

describe('routes refuse an account that was deleted', () => {
  it.each(userGuarded.map((r) => [r.key, r] as const))('%s → 401 USER_GONE', async (_key, r) => {
    // Prepare: someone signs in, then deletes their account; the token is still well signed
    const gone = await deletedAccount();

    // Act
    const res = await call(r.method, fill(r), { token: gone, body: bodyFor(r.method) });

    // Assess
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('USER_GONE');
  });
});

let deleted: Promise<string> | undefined;
/** The token of one person who deleted their account (made once per file). */
function deletedAccount(): Promise<string> {
  deleted ??= (async () => {
    const { token } = await signInNewWechatUser();
    await api('DELETE /v1/me', { token });
    return token;
  })();
  return deleted;
}

const guarded = roleGuarded.flatMap((r) =>
  ROLES.filter((role) => !(r.spec.access as { roles: readonly Role[] }).roles.includes(role)).map(
    (role) => [r.key, role, r] as const,
  ),
);

describe('routes refuse roles they are not for', () => {
  it('covers at least one refused pair per guarded route', () => {
    expect(guarded.length).toBeGreaterThan(0);
  });

  it.each(guarded)('%s refuses a %s', async (_key, role, r) => {
    const res = await call(r.method, fill(r), {
      token: await signIn(PERSONA_OF_ROLE[role]),
      body: bodyFor(r.method),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ROLE_REQUIRED');
  });
});

describe('street routes refuse everyone but the street’s admins', () => {
  it.each(
    streetGuarded.flatMap((r) =>
      [...new Set([...Object.values(PERSONA_OF_ROLE), ...OUTSIDERS])].map((p) => [r.key, p, r] as const),
    ),
  )('%s refuses %s for 长河街道', async (_key, persona, r) => {
    const res = await call(r.method, fill(r), { token: await signIn(persona), body: bodyFor(r.method) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('STREET_ROLE_REQUIRED');
  });

  it('a street admin is no member of its communities: their residents’ and staff routes refuse them', async () => {
    for (const r of roleGuarded) {
      const res = await call(r.method, fill(r), { token: await signIn('street-qian'), body: bodyFor(r.method) });
      expect(res.status, r.key).toBe(403);
      expect(res.body.error.code, r.key).toBe('NOT_A_MEMBER');
    }
  });
});

describe('unit routes refuse everyone but the unit’s members', () => {
  it.each(
    unitGuarded.flatMap((r) =>
      [...new Set([...Object.values(PERSONA_OF_ROLE), ...OUTSIDERS, 'street-qian'])].map((p) => [r.key, p, r] as const),
    ),
  )('%s refuses %s for 长河街道城管中队', async (_key, persona, r) => {
    const res = await call(r.method, fill(r), { token: await signIn(persona), body: bodyFor(r.method) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('UNIT_ROLE_REQUIRED');
  });

  it('a unit member is no member of the communities it serves, nor of the street', async () => {
    expect(unitGuarded.length).toBeGreaterThan(0);
    const token = await signIn('unit-ma');
    for (const r of roleGuarded) {
      const res = await call(r.method, fill(r), { token, body: bodyFor(r.method) });
      expect(res.status, r.key).toBe(403);
      expect(res.body.error.code, r.key).toBe('NOT_A_MEMBER');
    }
    for (const r of streetGuarded) {
      const res = await call(r.method, fill(r), { token, body: bodyFor(r.method) });
      expect(res.status, r.key).toBe(403);
      expect(res.body.error.code, r.key).toBe('STREET_ROLE_REQUIRED');
    }
    // Nor of another unit.
    for (const r of unitGuarded) {
      const res = await call(r.method, fill(r).replace('/changhe-cg', '/linjiang-water'), {
        token,
        body: bodyFor(r.method),
      });
      expect(res.status, r.key).toBe(403);
      expect(res.body.error.code, r.key).toBe('UNIT_ROLE_REQUIRED');
    }
  });

  it('no street admin reaches another street', async () => {
    const token = await signIn('street-qian');
    for (const r of streetGuarded) {
      const res = await call(r.method, fill(r).replace('/changhe', '/xihu'), { token, body: bodyFor(r.method) });
      expect(res.status, r.key).toBe(403);
      expect(res.body.error.code, r.key).toBe('STREET_ROLE_REQUIRED');
    }
  });
});

describe('routes refuse people of another community', () => {
  it.each(roleGuarded.flatMap((r) => OUTSIDERS.map((p) => [r.key, p, r] as const)))(
    '%s refuses %s for 春晖社区',
    async (_key, persona, r) => {
      const res = await call(r.method, fill(r), { token: await signIn(persona), body: bodyFor(r.method) });
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
