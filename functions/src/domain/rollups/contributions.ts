/**
 * What one item adds to the roll-ups: pure functions shared by the stream
 * consumer (which applies the difference an item's change makes, new minus
 * old) and the rebuild (which sums them over the raw items). Because both
 * use these, the rebuild equals what the writes kept.
 */
import { shanghaiMonth } from '@linli/shared';
import type { BulletinRecord } from '../../data/bulletins/bulletin.js';
import type { ReportRecord } from '../../data/feedback.js';
import type { LedgerRecord } from '../../data/points/ledger.js';
import type { Counters, RollupPart } from '../../data/rollups.js';

/** One item's share of one roll-up of its community. */
export interface Contribution {
  communityId: string;
  part: RollupPart;
  month?: string;
  counters: Counters;
  members?: string[];
}

export type ReportFacts = Pick<
  ReportRecord,
  | 'communityId'
  | 'status'
  | 'createdAt'
  | 'acceptedAt'
  | 'resolvedAt'
  | 'resolveBy'
  | 'rating'
  | 'closure'
  | 'escalated'
>;

const HOUR_MS = 3_600_000;
/**
 * The histogram bucket of a time to resolve, named by its value in tenths of an hour (`h_25`: 2.5 h):
 * half hours below 4 h, hours below a day, 6 hours below 3 days, then days. A month's reports fall in a
 * few dozen buckets, so a roll-up stays small; the median is exact to its bucket.
 */
export function hoursBucket(hours: number): string {
  const step = hours < 4 ? 0.5 : hours < 24 ? 1 : hours < 72 ? 6 : 24;
  return `h_${Math.max(0, Math.round(Math.round(hours / step) * step * 10))}`;
}

/** A report counts in the month it arrived (the figures are of reports received in the period). */
export function reportContribution(r: ReportFacts): Contribution {
  const resolved = r.status === 'resolved' || r.status === 'closed';
  const c: Counters = {
    received: 1,
    accepted: r.acceptedAt ? 1 : 0,
    resolved: resolved ? 1 : 0,
    dropped: r.status === 'withdrawn' || r.status === 'rejected' ? 1 : 0,
    escalated: r.escalated ? 1 : 0,
  };
  if (resolved && r.resolvedAt) {
    c[hoursBucket((Date.parse(r.resolvedAt) - Date.parse(r.createdAt)) / HOUR_MS)] = 1;
    if (r.resolveBy) {
      c.withDeadline = 1;
      c.onTime = Date.parse(r.resolvedAt) <= Date.parse(r.resolveBy) ? 1 : 0;
    }
  }
  if (r.status === 'closed' && r.rating) {
    c.rated = 1;
    c.ratingSum = r.rating.score;
  }
  return { communityId: r.communityId, part: 'feedback', month: shanghaiMonth(new Date(r.createdAt)), counters: c };
}

export type EntryFacts = Pick<LedgerRecord, 'communityId' | 'userId' | 'type' | 'points' | 'month' | 'lines'>;

/**
 * A ledger entry: grams by material (`g_<material>`) and the home of a weigh-in;
 * issued (recycling, volunteer); redeemed (redemptions less refunds). Adjustments and expiry are neither.
 */
export function entryContribution(e: EntryFacts): Contribution {
  const c: Counters = {};
  let members: string[] | undefined;
  if (e.type === 'earn_recycling') {
    c.issuedRecycling = e.points;
    for (const line of e.lines ?? []) c[`g_${line.material}`] = (c[`g_${line.material}`] ?? 0) + line.grams;
    members = [e.userId];
  } else if (e.type === 'earn_volunteer') c.issuedVolunteer = e.points;
  else if (e.type === 'redeem' || e.type === 'refund') c.redeemed = -e.points;
  return { communityId: e.communityId, part: 'points', month: e.month, counters: c, ...(members ? { members } : {}) };
}

/** An approved home is one of the community's homes now. */
export function householdContribution(h: { communityId: string; status: string }): Contribution {
  return { communityId: h.communityId, part: 'homes', counters: { homes: h.status === 'approved' ? 1 : 0 } };
}

export type BulletinFacts = Pick<
  BulletinRecord,
  'communityId' | 'status' | 'important' | 'publishedAt' | 'readCount' | 'audience'
>;

/**
 * A published important notice counts in the month it was published: `notices`; the community-wide ones
 * (`wideNotices`) with their reads (`wideReads`) give the read rate over the community's homes.
 */
export function bulletinContribution(b: BulletinFacts): Contribution | undefined {
  if (b.status !== 'published' || !b.important || !b.publishedAt) return undefined;
  const wide = b.audience.type === 'community';
  return {
    communityId: b.communityId,
    part: 'bulletins',
    month: shanghaiMonth(new Date(b.publishedAt)),
    counters: { notices: 1, wideNotices: wide ? 1 : 0, wideReads: wide ? b.readCount : 0 },
  };
}

const slot = (c: Contribution) => `${c.part}\n${c.month ?? ''}\n${c.communityId}`;

/**
 * What a change of an item does to the roll-ups: its new contribution less its old one, by roll-up.
 * Members are only ever added (a weigh-in is never unmade), so only the new side's count.
 */
export function difference(before: Contribution | undefined, after: Contribution | undefined): Contribution[] {
  const out = new Map<string, Contribution>();
  const add = (c: Contribution | undefined, sign: 1 | -1) => {
    if (!c) return;
    const key = slot(c);
    const current = out.get(key) ?? { ...c, counters: {}, members: [] };
    for (const [name, value] of Object.entries(c.counters))
      current.counters[name] = (current.counters[name] ?? 0) + sign * value;
    if (sign === 1 && c.members) current.members = [...(current.members ?? []), ...c.members];
    out.set(key, current);
  };
  add(before, -1);
  add(after, 1);
  return [...out.values()].filter(
    (c) => Object.values(c.counters).some((v) => v !== 0) || (c.members && c.members.length > 0),
  );
}

/** The sum of many contributions, by roll-up: what the rebuild writes. */
export function sum(contributions: readonly (Contribution | undefined)[]): Contribution[] {
  const out = new Map<string, Contribution>();
  for (const c of contributions) {
    if (!c) continue;
    const key = slot(c);
    const current = out.get(key) ?? { ...c, counters: {}, members: [] };
    for (const [name, value] of Object.entries(c.counters))
      current.counters[name] = (current.counters[name] ?? 0) + value;
    current.members = [...new Set([...(current.members ?? []), ...(c.members ?? [])])];
    out.set(key, current);
  }
  return [...out.values()];
}
