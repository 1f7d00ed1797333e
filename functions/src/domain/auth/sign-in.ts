import { NotFoundError, type Persona, type SessionResponse } from '@linli/shared';
import type { UserRecord, UsersRepository } from '../../data/users.js';
import type { SessionTokens } from '../../http/session-token.js';
import type { Stage } from '../../routes/spec.js';

export interface SignInDeps {
  users: UsersRepository;
  tokens: SessionTokens;
  wechat: { code2Session(code: string): Promise<{ openid: string }> };
  now: () => Date;
}

async function session(deps: SignInDeps, user: UserRecord): Promise<SessionResponse> {
  const { token, expiresAt } = await deps.tokens.issue(user.userId, deps.now());
  return { token, expiresAt, user: { userId: user.userId, nickname: user.nickname, createdAt: user.createdAt } };
}

/** wx.login code → WeChat's code2Session → our person (created on first sign-in) → session. */
export async function signInWithWechat(deps: SignInDeps, code: string): Promise<SessionResponse> {
  const { openid } = await deps.wechat.code2Session(code);
  const user = await deps.users.findOrCreateByOpenid(openid, `邻里用户${openid.slice(-4)}`, deps.now());
  return session(deps, user);
}

/** Local stage only: sign in as one of the seeded demo people. */
export async function signInAsPersona(deps: SignInDeps, stage: Stage, persona: string): Promise<SessionResponse> {
  if (stage !== 'local') throw new NotFoundError('ROUTE_NOT_FOUND', '接口不存在');
  const user = await deps.users.findPersona(persona);
  if (!user) throw new NotFoundError('PERSONA_NOT_FOUND', '找不到该演示身份');
  return session(deps, user);
}

export async function listPersonas(deps: Pick<SignInDeps, 'users'>, stage: Stage): Promise<{ personas: Persona[] }> {
  if (stage !== 'local') throw new NotFoundError('ROUTE_NOT_FOUND', '接口不存在');
  const people = await deps.users.listPersonas();
  const personas = await Promise.all(
    people.map(async (p) => {
      const { memberships } = await deps.users.getWithMemberships(p.userId);
      const first = memberships[0];
      return {
        persona: p.persona as string,
        name: p.nickname,
        description: p.personaDescription ?? '',
        roles: first?.roles ?? [],
        communityId: first?.communityId ?? null,
      };
    }),
  );
  return { personas };
}
