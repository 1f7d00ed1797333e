import { signJwt, verifyJwt } from './jwt.js';

/**
 * Short signed codes shown as QR codes: an activity's rotating check-in code.
 * Same key as sessions, different audiences, so one can never pass for
 * another. (Member and pickup codes are 16 digits the server keeps instead:
 * `data/point-codes.ts`.)
 */
export interface SignedCodes {
  sign(audience: string, claims: { sub: string; cid: string; jti: string }, expiresAt: Date): Promise<string>;
  /** The claims, or why not: 'expired' or 'invalid'. */
  verify(
    audience: string,
    token: string,
    now: Date,
  ): Promise<{ sub: string; cid: string; jti: string; exp: number } | 'expired' | 'invalid'>;
}

export function createSignedCodes(key: () => Promise<string>): SignedCodes {
  let secret: Promise<Uint8Array> | undefined;
  const material = () => {
    secret ??= key().then((k) => new TextEncoder().encode(k));
    return secret;
  };
  return {
    async sign(audience, claims, expiresAt) {
      const exp = Math.floor(expiresAt.getTime() / 1000);
      return signJwt(await material(), {
        cid: claims.cid,
        sub: claims.sub,
        jti: claims.jti,
        iss: 'linli',
        aud: audience,
        exp,
      });
    },
    async verify(audience, token, now) {
      const claims = verifyJwt(await material(), token, { issuer: 'linli', audience, now });
      if (typeof claims === 'string') return claims;
      const { sub, cid, jti, exp } = claims;
      if (typeof sub !== 'string' || !sub || typeof cid !== 'string' || typeof jti !== 'string' || !jti)
        return 'invalid';
      return { sub, cid, jti, exp: exp as number };
    },
  };
}
