import { SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { call, signIn } from '../support/api.js';

const key = () => new TextEncoder().encode(inject('sessionKey'));

describe('signing in with WeChat', () => {
  it('creates a person on the first code and finds the same person with a fresh code', async () => {
    // Prepare
    const person = `p${Date.now().toString(36)}`;
    // Act
    const first = await call('POST', '/v1/auth/wechat', { body: { code: `${person}.1` } });
    const second = await call('POST', '/v1/auth/wechat', { body: { code: `${person}.2` } });
    // Assess
    expect(first.status).toBe(200);
    expect(first.body.token).toMatch(/^ey/);
    expect(second.body.user.userId).toBe(first.body.user.userId);
    const me = await call('GET', '/v1/me', { token: second.body.token });
    expect(me.body.user.userId).toBe(first.body.user.userId);
    expect(me.body.memberships).toEqual([]);
  });

  it('refuses a login code that was already used', async () => {
    const code = `reuse${Date.now().toString(36)}.1`;
    await call('POST', '/v1/auth/wechat', { body: { code } });
    const again = await call('POST', '/v1/auth/wechat', { body: { code } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('WECHAT_CODE_INVALID');
  });

  it('names the field when the code is missing', async () => {
    const res = await call('POST', '/v1/auth/wechat', { body: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('body.code');
  });
});

describe('demo sign-in on the local stage', () => {
  it('lists the demo people of every role', async () => {
    const res = await call('GET', '/v1/auth/dev/personas');
    expect(res.status).toBe(200);
    const roles = new Set(res.body.personas.flatMap((p: { roles: string[] }) => p.roles));
    for (const role of ['resident', 'grid_worker', 'property_staff', 'station_operator', 'admin'])
      expect(roles).toContain(role);
    expect(res.body.personas.find((p: { persona: string }) => p.persona === 'newcomer').communityId).toBeNull();
  });

  it('signs in as a persona and refuses one that does not exist', async () => {
    const ok = await call('POST', '/v1/auth/dev', { body: { persona: 'admin-chunhui' } });
    const missing = await call('POST', '/v1/auth/dev', { body: { persona: 'nobody-here' } });
    const malformed = await call('POST', '/v1/auth/dev', { body: { persona: 'DROP TABLE' } });
    expect(ok.status).toBe(200);
    expect(ok.body.user.nickname).toBe('赵建华');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('PERSONA_NOT_FOUND');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].field).toBe('body.persona');
  });
});

describe('session tokens', () => {
  it('refuses a missing token with 401', async () => {
    const res = await call('GET', '/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a forged token signed with another key', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('demo-admin-chunhui')
      .setIssuer('linli')
      .setAudience('linli-miniprogram')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-key-not-the-key-not-the-key'));
    const res = await call('GET', '/v1/me', { token: forged });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('demo-admin-chunhui')
      .setIssuer('linli')
      .setAudience('linli-miniprogram')
      .setIssuedAt(past - 7200)
      .setExpirationTime(past)
      .sign(key());
    const res = await call('GET', '/v1/me', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('accepts a valid token and refuses a tampered one', async () => {
    const token = await signIn('resident-wang');
    const [head, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: 'demo-admin-chunhui' })).toString('base64url')}.${signature}`;
    expect((await call('GET', '/v1/me', { token })).status).toBe(200);
    expect((await call('GET', '/v1/me', { token: tampered })).status).toBe(401);
  });
});
