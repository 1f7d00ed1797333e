/**
 * The last resort when no code can be read: the operator finds the resident
 * by building and room, and the resident confirms the exact weigh-in on their
 * own phone within two minutes; only then is it credited. Pure and zod-free.
 */

export const CREDIT_REQUEST_SECONDS = 120;

export const CREDIT_REQUEST_STATUSES = ['pending', 'confirmed', 'declined', 'expired'] as const;
export type CreditRequestStatus = (typeof CREDIT_REQUEST_STATUSES)[number];
export const CREDIT_REQUEST_STATUS_LABELS: Record<CreditRequestStatus, string> = {
  pending: '等待居民确认',
  confirmed: '居民已确认，已记分',
  declined: '居民已拒绝',
  expired: '已超时，居民未确认',
};

/** A stored request's status as of `now`: a pending one whose two minutes are up has expired. */
export function creditRequestStatus(
  stored: Exclude<CreditRequestStatus, 'expired'>,
  expiresAt: string,
  now: Date,
): CreditRequestStatus {
  return stored === 'pending' && Date.parse(expiresAt) <= now.getTime() ? 'expired' : stored;
}
