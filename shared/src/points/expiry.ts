/**
 * Points expiry, pure. With `expiry: 'end_of_next_year'` points earned in
 * year X are valid until 31 December of X+1 (Asia/Shanghai); on 1 January of
 * X+2 what is left of them is written off as one `expire` entry.
 */
import { SHANGHAI_OFFSET_MS, startOfShanghaiDay } from '../time.js';

/** The Shanghai calendar year of an instant. */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** `[from, to)` instants of a Shanghai calendar year. */
export function shanghaiYearRange(year: number): { from: Date; to: Date } {
  return { from: startOfShanghaiDay(`${year}-01-01`), to: startOfShanghaiDay(`${year + 1}-01-01`) };
}

/** The year whose points have expired by `now`: the year before last. */
export function expiringYear(now: Date): number {
  return shanghaiYear(now) - 2;
}

export interface ExpiryInput {
  balance: number;
  /** Points received (every positive entry) in the expiring year. */
  receivedInYear: number;
  /** Points received (every positive entry) after the expiring year, up to now. */
  receivedAfter: number;
}

/**
 * "Unspent" is first in, first out: spending uses the oldest points first, so a balance is made of the most
 * recently received points, and what is left of year X is the balance beyond everything received after X,
 * at most what X brought (never below 0).
 */
export function expiringPoints(i: ExpiryInput): number {
  return Math.max(0, Math.min(i.receivedInYear, i.balance - i.receivedAfter));
}

/** Sums the positive entries of one account in the expiring year and after it. */
export function expiryInput(
  balance: number,
  entries: readonly { at: string; points: number }[],
  year: number,
): ExpiryInput {
  const { from, to } = shanghaiYearRange(year);
  const [start, end] = [from.toISOString(), to.toISOString()];
  let receivedInYear = 0;
  let receivedAfter = 0;
  for (const e of entries) {
    if (e.points <= 0 || e.at < start) continue;
    if (e.at < end) receivedInYear += e.points;
    else receivedAfter += e.points;
  }
  return { balance, receivedInYear, receivedAfter };
}
