import { UnauthorizedError } from '@linli/shared';
import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'linli';
const AUDIENCE = 'linli-miniprogram';

export interface SessionTokens {
  issue(userId: string, now: Date): Promise<{ token: string; expiresAt: string }>;
  verify(token: string): Promise<{ userId: string }>;
}

/** Short-lived HS256 session tokens; the key comes from a secret, never from code. */
export function createSessionTokens(key: () => Promise<string>, ttlSeconds: number): SessionTokens {
  let secret: Promise<Uint8Array> | undefined;
  const material = () => {
    secret ??= key().then((k) => new TextEncoder().encode(k));
    return secret;
  };
  return {
    async issue(userId, now) {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + ttlSeconds;
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(await material());
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, await material(), {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        });
        if (!payload.sub) throw new UnauthorizedError('TOKEN_INVALID', '登录状态无效，请重新登录');
        return { userId: payload.sub };
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new UnauthorizedError('TOKEN_EXPIRED', '登录已过期，请重新登录');
        if (error instanceof UnauthorizedError) throw error;
        throw new UnauthorizedError('TOKEN_INVALID', '登录状态无效，请重新登录');
      }
    },
  };
}
