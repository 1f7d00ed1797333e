/**
 * The typed API client's core (shared/src/client.ts): route keys become
 * requests with their parameters encoded and their query serialized; the
 * route table and the client agree on every path; weapp fixtures are held
 * to their routes' response schemas.
 */
import { type ClientRequest, createClient, fillPath, parseRouteKey, queryString, requestFor } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import { type RouteKey, routeList, type routes } from '../../functions/src/routes.js';
import { checkedFixtures } from '../weapp/fixtures.js';

describe('a route key becomes a request', () => {
  it('splits the method from the path template and refuses anything else', () => {
    expect(parseRouteKey('GET /v1/communities/{communityId}')).toEqual({
      method: 'GET',
      path: '/v1/communities/{communityId}',
    });
    expect(() => parseRouteKey('FETCH /v1/me')).toThrow('not a route key');
    expect(() => parseRouteKey('GET v1/me')).toThrow('not a route key');
  });

  it('fills each parameter URL-encoded and refuses a missing one', () => {
    expect(
      fillPath('/v1/communities/{communityId}/feedback/{reportId}', { communityId: 'a b', reportId: 'x/y?' }),
    ).toBe('/v1/communities/a%20b/feedback/x%2Fy%3F');
    expect(() => fillPath('/v1/communities/{communityId}', {})).toThrow('no communityId');
  });

  it('serializes the query, leaving out what is absent or empty', () => {
    expect(queryString({ status: 'approved', limit: 100, cursor: undefined, kind: '', q: '3幢&' })).toBe(
      '?status=approved&limit=100&q=3%E5%B9%A2%26',
    );
    expect(queryString({ cursor: undefined })).toBe('');
  });

  it('carries the body, the Idempotency-Key and what the route produces', () => {
    expect(
      requestFor('POST /v1/communities/{communityId}/feedback', {
        params: { communityId: 'chunhui' },
        body: { category: 'sewer' },
        idempotencyKey: 'k-12345678',
      }),
    ).toEqual({
      key: 'POST /v1/communities/{communityId}/feedback',
      method: 'POST',
      path: '/v1/communities/chunhui/feedback',
      body: { category: 'sewer' },
      idempotencyKey: 'k-12345678',
    });
    expect(
      requestFor('GET /v1/communities/{communityId}/stats/feedback.csv', {
        params: { communityId: 'chunhui' },
        query: { from: '2026-01', to: '2026-03' },
        accept: 'text/csv',
      }),
    ).toMatchObject({ path: '/v1/communities/chunhui/stats/feedback.csv?from=2026-01&to=2026-03', accept: 'text/csv' });
  });

  it('hands the transport the request and its own options, and answers what the transport answers', async () => {
    const seen: [ClientRequest, unknown][] = [];
    const call = createClient<typeof routes, { token?: string }>(async (request, extra) => {
      seen.push([request, extra]);
      return { unread: 3 };
    });

    const answer = await call('POST /v1/me/messages/read', { body: { all: true }, token: 't' });

    expect(answer).toEqual({ unread: 3 });
    expect(seen[0]?.[0]).toEqual({
      key: 'POST /v1/me/messages/read',
      method: 'POST',
      path: '/v1/me/messages/read',
      body: { all: true },
    });
    expect(seen[0]?.[1]).toMatchObject({ token: 't' });
  });
});

describe('the route table and the client agree', () => {
  it('parses every route key, and every path parameter is in its route’s params schema', () => {
    for (const r of routeList()) {
      expect(parseRouteKey(r.key)).toEqual({ method: r.method, path: r.path });
      const inPath = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(r.spec.params?.shape ?? {}).sort(), r.key).toEqual(inPath);
    }
  });
});

describe('the client’s types follow the route table (checked by npm run typecheck)', () => {
  const sent: string[] = [];
  const call = createClient<typeof routes>(async (request) => {
    sent.push(request.key);
    return null;
  });

  it('refuses a call without its path parameters, by type and when it runs', () => {
    // @ts-expect-error a route with path parameters needs them
    expect(() => call('GET /v1/communities/{communityId}')).toThrow('no communityId');
  });

  it('wants the Idempotency-Key of an idempotent route and the text of a CSV download', async () => {
    // @ts-expect-error an idempotent route needs its Idempotency-Key
    await call('POST /v1/communities/{communityId}/households', {
      params: { communityId: 'c1' },
      body: { estateId: 'e1', buildingId: 'b1', unit: 1, room: '101', relation: 'owner' },
    });
    // @ts-expect-error a CSV download says it reads text
    await call('GET /v1/communities/{communityId}/stats/points.csv', {
      params: { communityId: 'c1' },
      query: { from: '2026-01', to: '2026-02' },
    });
    // @ts-expect-error no such route
    await call('GET /v1/nowhere');
    const key: RouteKey = 'GET /v1/me';
    await call(key);
    expect(sent).toEqual([
      'POST /v1/communities/{communityId}/households',
      'GET /v1/communities/{communityId}/stats/points.csv',
      'GET /v1/nowhere',
      'GET /v1/me',
    ]);
  });
});

describe('weapp fixtures are their routes’ answers', () => {
  it('refuses a fixture that drifted from its response schema, naming the route and the field', () => {
    expect(() =>
      checkedFixtures({
        // @ts-expect-error the drift is caught by the types too
        'GET /v1/communities/{communityId}/bulletins/unread': { unread: '1' },
      }),
    ).toThrow(/GET \/v1\/communities\/\{communityId\}\/bulletins\/unread does not match .*unread/);
  });

  it('refuses a fixture for a route that does not exist', () => {
    // @ts-expect-error not a route key
    expect(() => checkedFixtures({ 'GET /v1/nowhere': {} })).toThrow('no such route');
  });

  it('answers each fixture as its schema reads it, keyed by its route', () => {
    const fixtures = checkedFixtures({
      'GET /v1/communities/{communityId}/bulletins/unread': { unread: 2, importantUnread: 1 },
    });
    expect(fixtures['GET /v1/communities/{communityId}/bulletins/unread']).toEqual({ unread: 2, importantUnread: 1 });
  });
});
