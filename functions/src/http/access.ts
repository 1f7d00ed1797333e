/**
 * Who the caller is, without a DynamoDB read on the hot path: a container
 * remembers, for at most `ttlMs` (60 s), that a person exists and what they
 * may do in a community. Only what lets a request through is remembered. A
 * refusal is always read fresh, so a role granted, a home approved or a new
 * account works at once; a role removed, a home unbound or an account deleted
 * takes effect in every container within `ttlMs`, and at once in the
 * container that made the change (`forget`).
 */
import type { MembershipRecord } from '../data/users.js';

export interface AccessSource {
  verifyToken(token: string): Promise<{ userId: string }>;
  userExists(userId: string): Promise<boolean>;
  membership(userId: string, communityId: string): Promise<MembershipRecord | undefined>;
}

export interface AccessDeps extends AccessSource {
  /** `fresh` skips what the container remembers (and remembers what it reads). */
  membership(userId: string, communityId: string, opts?: { fresh?: boolean }): Promise<MembershipRecord | undefined>;
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
  const recall = <T>(key: string): T | undefined => {
    const hit = remembered.get(key);
    if (!hit) return undefined;
    if (hit.until <= now()) {
      remembered.delete(key);
      return undefined;
    }
    return hit.value as T;
  };
  const remember = (key: string, value: unknown) => {
    remembered.delete(key);
    if (remembered.size >= MAX_ENTRIES) remembered.delete(remembered.keys().next().value as string);
    remembered.set(key, { until: now() + ttlMs, value });
  };
  return {
    verifyToken: (token) => source.verifyToken(token),
    async userExists(userId, { fresh = false } = {}) {
      const key = `user\n${userId}`;
      if (!fresh && recall<boolean>(key)) return true;
      const exists = await source.userExists(userId);
      if (exists) remember(key, true);
      else remembered.delete(key);
      return exists;
    },
    async membership(userId, communityId, { fresh = false } = {}) {
      const key = `member\n${userId}\n${communityId}`;
      const known = fresh ? undefined : recall<MembershipRecord>(key);
      if (known) return known;
      const membership = await source.membership(userId, communityId);
      if (membership) remember(key, membership);
      else remembered.delete(key);
      return membership;
    },
    forget(userId) {
      for (const key of remembered.keys()) if (key.split('\n')[1] === userId) remembered.delete(key);
    },
  };
}
