/**
 * HS256 JSON Web Tokens with node:crypto: all the sessions and check-in codes
 * need, without a JOSE library in every Lambda bundle.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Claims = Record<string, unknown> & { iss?: string; aud?: string; sub?: string; exp?: number };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function mac(key: Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function signJwt(key: Uint8Array, claims: Claims): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/**
 * The claims of a token signed with `key` for `issuer` and `audience`, or why
 * not: 'expired' (signed and meant for us, but past `exp`) or 'invalid'.
 */
export function verifyJwt(
  key: Uint8Array,
  token: string,
  expect: { issuer: string; audience: string; now: Date },
): Claims | 'expired' | 'invalid' {
  const [header, payload, signature, ...rest] = token.split('.');
  if (!header || !payload || !signature || rest.length) return 'invalid';
  const expected = mac(key, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  let claims: Claims;
  try {
    if ((JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: unknown }).alg !== 'HS256')
      return 'invalid';
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Claims;
  } catch {
    return 'invalid';
  }
  if (typeof claims !== 'object' || claims === null) return 'invalid';
  if (claims.iss !== expect.issuer) return 'invalid';
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expect.audience)) return 'invalid';
  if (typeof claims.exp !== 'number') return 'invalid';
  if (Math.floor(expect.now.getTime() / 1000) >= claims.exp) return 'expired';
  return claims;
}
