import { errors, jwtVerify, SignJWT } from 'jose';

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
      return new SignJWT({ cid: claims.cid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setJti(claims.jti)
        .setIssuer('linli')
        .setAudience(audience)
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(await material());
    },
    async verify(audience, token, now) {
      try {
        const { payload } = await jwtVerify(token, await material(), {
          issuer: 'linli',
          audience,
          algorithms: ['HS256'],
          currentDate: now,
        });
        if (!payload.sub || typeof payload.cid !== 'string' || !payload.jti || !payload.exp) return 'invalid';
        return { sub: payload.sub, cid: payload.cid, jti: payload.jti, exp: payload.exp };
      } catch (error) {
        return error instanceof errors.JWTExpired ? 'expired' : 'invalid';
      }
    },
  };
}
