import { UnauthorizedError } from '@linli/shared';
import { signJwt, verifyJwt } from './jwt.js';

const ISSUER = 'linli';
const AUDIENCE = 'linli-miniprogram';

export interface SessionTokens {
  issue(userId: string, now: Date): Promise<{ token: string; expiresAt: string }>;
  verify(token: string, now?: Date): Promise<{ userId: string }>;
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
      const token = signJwt(await material(), { sub: userId, iss: ISSUER, aud: AUDIENCE, iat, exp });
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async verify(token, now = new Date()) {
      const claims = verifyJwt(await material(), token, { issuer: ISSUER, audience: AUDIENCE, now });
      if (claims === 'expired') throw new UnauthorizedError('TOKEN_EXPIRED', '登录已过期，请重新登录');
      if (claims === 'invalid' || typeof claims.sub !== 'string' || !claims.sub)
        throw new UnauthorizedError('TOKEN_INVALID', '登录状态无效，请重新登录');
      return { userId: claims.sub };
    },
  };
}
