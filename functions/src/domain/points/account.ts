/**
 * Every change of a balance is written against the account as it was read
 * (`AccountState`): its entry carries the exact balance it left. When another
 * change got there first, the account is read again and the change retried.
 */
import { ConflictError } from '@linli/shared';
import type { Idempotency } from '../../data/idempotency.js';
import type { AccountState } from '../../data/points.js';
import type { PointsDeps } from './deps.js';

/** How long a change keeps retrying on a busy account: well inside the Lambda's 10 s. */
const RETRY_BUDGET_MS = 6_000;
/** Conflicts that mean "read the account again": its balance or its day's total moved, or the items were busy. */
const MOVED = new Set(['BALANCE_MOVED', 'DAILY_CAP_MOVED', 'TRANSACTION_CONFLICT']);

/** A new entry's time: now, but always after the account's latest entry, so time order is balance order. */
export function entryTime(account: AccountState, now: Date): string {
  const last = account.lastAt ? Date.parse(account.lastAt) : Number.NEGATIVE_INFINITY;
  return new Date(Math.max(now.getTime(), last + 1)).toISOString();
}

/**
 * After a change lost the race for an account: waits a moment and says
 * whether to read again and retry (`startedAt`: when the first attempt began).
 */
export async function retryAfterMove(error: unknown, attempt: number, startedAt: number): Promise<boolean> {
  if (!(error instanceof ConflictError) || !MOVED.has(error.code)) return false;
  if (Date.now() - startedAt > RETRY_BUDGET_MS) return false;
  // Jittered and growing, so a crowd of changes on one account spreads out instead of colliding again.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(400, 10 * 2 ** attempt)));
  return true;
}

const queues = new Map<string, Promise<unknown>>();
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Changes of one account made by this process run one at a time: at once they
 * would only make each other retry. A repeat of a request still under way here
 * (the same `Idempotency-Key` and body: a double tap) waits for its answer
 * instead of queueing again. Other processes (other Lambda instances) are kept
 * apart by the transaction's conditions on the account and the key, as always.
 */
export function oneAtATime<T>(
  communityId: string,
  userId: string,
  run: () => Promise<T>,
  idem?: Idempotency,
): Promise<T> {
  const request = idem && `${idem.scope}\n${idem.key}\n${idem.fingerprint}`;
  const running = request ? inFlight.get(request) : undefined;
  if (running) return running as Promise<T>;
  const key = `${communityId}/${userId}`;
  const mine = (queues.get(key) ?? Promise.resolve()).then(run);
  const done = () => {
    if (queues.get(key) === settled) queues.delete(key);
    if (request) inFlight.delete(request);
  };
  const settled = mine.then(done, done);
  queues.set(key, settled);
  if (request) inFlight.set(request, mine);
  return mine;
}

/** Whether a change of this account is queued or running in this process (an account read before it may be stale). */
export function queuedHere(communityId: string, userId: string): boolean {
  return queues.has(`${communityId}/${userId}`);
}

/**
 * Runs `change` on a fresh read of the account, again whenever another change
 * moved it first. `read` is the account as just read with the rest of what the
 * change checks, for the first attempt.
 */
export function onAccount<T>(
  deps: Pick<PointsDeps, 'points'>,
  communityId: string,
  userId: string,
  change: (account: AccountState) => Promise<T>,
  idem?: Idempotency,
  read?: AccountState,
): Promise<T> {
  // A change of the same account queued here before this one would make the early read stale.
  const current = queuedHere(communityId, userId) ? undefined : read;
  return oneAtATime(
    communityId,
    userId,
    async () => {
      const startedAt = Date.now();
      for (let attempt = 1; ; attempt++) {
        const account = attempt === 1 && current ? current : await deps.points.account(communityId, userId);
        try {
          return await change(account);
        } catch (error) {
          if (!(await retryAfterMove(error, attempt, startedAt))) throw error;
        }
      }
    },
    idem,
  );
}
