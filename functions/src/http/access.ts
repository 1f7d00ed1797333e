/**
 * Who the caller is, without a DynamoDB read on the hot path: a container
 * remembers, for at most `ttlMs` (60 s), that a person exists and what they
 * may do in a community. Only what lets a request through is remembered. A
 * refusal is always read fresh, so a role granted, a home approved or a new
 * account works at once; a role removed, a home unbound or an account deleted
 * takes effect in every container within `ttlMs`, and at once in the
 * container that made the change (`forget`).
 */
import type { StreetMembershipRecord } from '../data/streets.js';
import type { UnitMembershipRecord } from '../data/units.js';
import type { MembershipRecord, UserRecord } from '../data/users.js';

export interface AccessSource {
  verifyToken(token: string): Promise<{ userId: string }>;
  profile(userId: string): Promise<UserRecord | undefined>;
  membership(userId: string, communityId: string): Promise<MembershipRecord | undefined>;
  streetMembership(userId: string, streetId: string): Promise<StreetMembershipRecord | undefined>;
  unitMembership(userId: string, unitId: string): Promise<UnitMembershipRecord | undefined>;
}

export interface AccessDeps extends AccessSource {
  /** `fresh` skips what the container remembers (and remembers what it reads). */
  membership(userId: string, communityId: string, opts?: { fresh?: boolean }): Promise<MembershipRecord | undefined>;
  streetMembership(
    userId: string,
    streetId: string,
    opts?: { fresh?: boolean },
  ): Promise<StreetMembershipRecord | undefined>;
  unitMembership(userId: string, unitId: string, opts?: { fresh?: boolean }): Promise<UnitMembershipRecord | undefined>;
  /** The caller's profile (name, openid): the same minute-long memory. */
  profile(userId: string, opts?: { fresh?: boolean }): Promise<UserRecord | undefined>;
  userExists(userId: string, opts?: { fresh?: boolean }): Promise<boolean>;
  /** Drop what is remembered of a person (their account or memberships changed here). */
  forget(userId: string): void;
}

export const ACCESS_TTL_MS = 60_000;
/** Enough for every active caller of a busy container; the oldest go first. */
const MAX_ENTRIES = 10_000;

export function cachedAccess(source: AccessSource, opts: { ttlMs?: number; now?: () => number } = {}): AccessDeps {
  const ttlMs = opts.ttlMs ?? ACCESS_TTL_MS;
  const now = opts.now ?? Date.now;
  const remembered = new Map<string, { until: number; value: unknown }>();
  /** What `read` answers, remembered for `ttlMs` when it is something; nothing is remembered of a refusal. */
  async function remembering<T>(key: string, fresh: boolean, read: () => Promise<T | undefined>) {
    const hit = remembered.get(key);
    if (!fresh && hit && hit.until > now()) return hit.value as T;
    remembered.delete(key);
    const value = await read();
    if (value !== undefined) {
      if (remembered.size >= MAX_ENTRIES) remembered.delete(remembered.keys().next().value as string);
      remembered.set(key, { until: now() + ttlMs, value });
    }
    return value;
  }
  const profile: AccessDeps['profile'] = (userId, { fresh = false } = {}) =>
    remembering(`user\n${userId}`, fresh, () => source.profile(userId));
  return {
    verifyToken: (token) => source.verifyToken(token),
    profile,
    userExists: async (userId, opts) => Boolean(await profile(userId, opts)),
    membership: (userId, communityId, { fresh = false } = {}) =>
      remembering(`member\n${userId}\n${communityId}`, fresh, () => source.membership(userId, communityId)),
    streetMembership: (userId, streetId, { fresh = false } = {}) =>
      remembering(`street\n${userId}\n${streetId}`, fresh, () => source.streetMembership(userId, streetId)),
    unitMembership: (userId, unitId, { fresh = false } = {}) =>
      remembering(`unit\n${userId}\n${unitId}`, fresh, () => source.unitMembership(userId, unitId)),
    forget(userId) {
      for (const key of remembered.keys()) if (key.split('\n')[1] === userId) remembered.delete(key);
    },
  };
}
