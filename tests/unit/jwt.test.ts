import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from '../../functions/src/http/jwt.js';

const key = new TextEncoder().encode('a-session-key-of-enough-length-0123456789');
const other = new TextEncoder().encode('another-key-of-enough-length-9876543210');
const now = new Date('2026-12-02T08:00:00Z');
const at = (seconds: number) => Math.floor(now.getTime() / 1000) + seconds;
const expect_ = { issuer: 'linli', audience: 'linli-miniprogram', now };

describe('HS256 tokens without a JOSE library', () => {
  it('reads a token a standard library signed, and the library reads ours', async () => {
    const theirs = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('u1')
      .setIssuer('linli')
      .setAudience('linli-miniprogram')
      .setExpirationTime(at(60))
      .sign(key);
    expect(verifyJwt(key, theirs, expect_)).toMatchObject({ sub: 'u1' });
    const ours = signJwt(key, { sub: 'u2', iss: 'linli', aud: 'linli-miniprogram', exp: at(60) });
    const { payload } = await jwtVerify(ours, key, {
      issuer: 'linli',
      audience: 'linli-miniprogram',
      currentDate: now,
    });
    expect(payload.sub).toBe('u2');
  });

  it('refuses another key, another audience or issuer, a changed payload and alg "none"', () => {
    const token = signJwt(key, { sub: 'u1', iss: 'linli', aud: 'linli-miniprogram', exp: at(60) });
    expect(verifyJwt(other, token, expect_)).toBe('invalid');
    expect(verifyJwt(key, token, { ...expect_, audience: 'checkin' })).toBe('invalid');
    expect(verifyJwt(key, token, { ...expect_, issuer: 'someone' })).toBe('invalid');
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iss: 'linli', aud: 'linli-miniprogram', exp: at(60) }));
    expect(verifyJwt(key, `${h}.${forged.toString('base64url')}.${s}`, expect_)).toBe('invalid');
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(verifyJwt(key, `${none}.${token.split('.')[1]}.`, expect_)).toBe('invalid');
    expect(verifyJwt(key, 'not-a-token', expect_)).toBe('invalid');
  });

  it('says expired at exp, not before', () => {
    const token = signJwt(key, { sub: 'u1', iss: 'linli', aud: 'linli-miniprogram', exp: at(60) });
    expect(verifyJwt(key, token, { ...expect_, now: new Date(now.getTime() + 59_000) })).toMatchObject({ sub: 'u1' });
    expect(verifyJwt(key, token, { ...expect_, now: new Date(now.getTime() + 60_000) })).toBe('expired');
    const noExp = signJwt(key, { sub: 'u1', iss: 'linli', aud: 'linli-miniprogram' });
    expect(verifyJwt(key, noExp, expect_)).toBe('invalid');
  });
});
