import { describe, expect, it } from 'vitest';
import { routeList } from '../../functions/src/routes.js';
import { call, newKey, signIn } from '../support/api.js';

describe('the HTTP stack answers bad requests clearly', () => {
  it('names the body when the JSON is malformed', async () => {
    const res = await call('POST', '/v1/auth/wechat', {
      rawBody: '{"code": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'MALFORMED_JSON', details: [{ field: 'body' }] });
  });

  it('names the content type when it is not JSON', async () => {
    const res = await call('POST', '/v1/auth/wechat', {
      rawBody: 'code=abc',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('headers.content-type');
  });

  it('names a field of the wrong type, in Chinese', async () => {
    const res = await call('POST', '/v1/auth/wechat', { body: { code: 42 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('body.code');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('answers 404 for an unknown API path and 405 for a wrong method', async () => {
    const missing = await call('GET', '/v1/nothing-here');
    const wrongMethod = await call('PATCH', '/v1/me');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(wrongMethod.status).toBe(405);
  });

  it('refuses an oversized request body', async () => {
    const res = await call('POST', '/v1/auth/wechat', { body: { code: 'x'.repeat(2_000_000) } });
    expect(res.status).toBe(413);
  });

  it('carries a request id on every error', async () => {
    const res = await call('GET', '/v1/me');
    expect(res.body.error.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it('refuses an Idempotency-Key of the wrong shape', async () => {
    const res = await call('POST', '/v1/communities/chunhui/households', {
      token: await signIn('newcomer'),
      idempotencyKey: 'short',
      body: { estateId: 'chunhui-yuan', buildingId: 'chy-b1', unit: 1, room: '101', relation: 'owner' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('headers.idempotency-key');
    expect(newKey()).not.toBe(newKey());
  });
});

describe('health and the API description', () => {
  it('reports the stage and the local database', async () => {
    const res = await call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', stage: 'local', database: { kind: 'dynamodb-local' } });
  });

  it('publishes every route of the route table in the OpenAPI document', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    for (const r of routeList('local')) expect(res.body.paths[r.path]?.[r.method.toLowerCase()], r.key).toBeDefined();
    const household = res.body.paths['/v1/communities/{communityId}/households'].post;
    expect(household.parameters.map((p: { name: string }) => p.name)).toEqual(['communityId', 'Idempotency-Key']);
    expect(household.requestBody.content['application/json'].schema.required).toContain('room');
  });
});
