/**
 * What one item adds to the roll-ups: pure functions shared by the stream
 * consumer (which applies the difference an item's change makes, new minus
 * old) and the rebuild (which sums them over the raw items). Because both
 * use these, the rebuild equals what the writes kept.
 *
 * Sections of a community's month: `feedback` and its dimensions
 * `feedback.cat.<category>`, `feedback.grid.<gridId>` (`''`: none) and
 * `feedback.unit.id:<unitId>` / `feedback.unit.name:<name>`; the demand list's
 * `demand.<category>.<buildingId>`; `points` and `points.bld.<buildingId>`;
 * `bulletins`. Its level now: `homes`.
 */
import { isOpen, shanghaiMonth } from '@linli/shared';
import type { BulletinRecord } from '../../data/bulletins/bulletin.js';
import type { ReportRecord } from '../../data/feedback.js';
import type { LedgerRecord } from '../../data/points/ledger.js';
import { addSections, type Counters, type Labels, type Member, NOW_SLOT, type Sections } from '../../data/rollups.js';

/** One item's share of one roll-up of its community. */
export interface Contribution {
  communityId: string;
  /** `YYYY-MM`, or `HOMES` (the level now). */
  slot: string;
  sections: Sections;
  labels?: Labels;
  members?: Member[];
}

export const SECTION = {
  category: (category: string) => `feedback.cat.${category}`,
  grid: (gridId: string) => `feedback.grid.${gridId}`,
  unit: (unit: { unitId?: string | undefined; name: string }) =>
    unit.unitId ? `feedback.unit.id:${unit.unitId}` : `feedback.unit.name:${unit.name}`,
  building: (buildingId: string) => `points.bld.${buildingId}`,
  demand: (category: string, buildingId: string) => `demand.${category}.${buildingId}`,
} as const;

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
  | 'overdue'
  | 'category'
  | 'categoryLabel'
  | 'gridId'
  | 'assignee'
  | 'location'
>;

const HOUR_MS = 3_600_000;
/**
 * The histogram bucket of a time to resolve, named by its value in tenths of an hour (`h_25`: 2.5 h):
 * tenths below a day (as the figure is shown), hours below a week, then days. A month's reports fall in a
 * few dozen buckets, so a roll-up stays small; the median is exact to a tenth of an hour below a day.
 */
export function hoursBucket(hours: number): string {
  const step = hours < 24 ? 0.1 : hours < 168 ? 1 : 24;
  return `h_${Math.max(0, Math.round(Math.round(hours / step) * step * 10))}`;
}

/**
 * The counters of one report, by the definitions of the figures (`feedback/stats.ts`):
 * received; accepted (an acceptedAt); resolved (resolved or closed); dropped (withdrawn or rejected);
 * escalated; its resolve-time bucket, and whether a deadline was kept (`withDeadline`, `onTime`);
 * ratings of closed reports by who gave them; closed by the system (`autoConfirmed`); still open and
 * marked overdue by the sweep (`overdueOpen`).
 */
export function reportCounters(r: ReportFacts): Counters {
  const resolved = r.status === 'resolved' || r.status === 'closed';
  const c: Counters = {
    received: 1,
    accepted: r.acceptedAt ? 1 : 0,
    resolved: resolved ? 1 : 0,
    dropped: r.status === 'withdrawn' || r.status === 'rejected' ? 1 : 0,
    escalated: r.escalated ? 1 : 0,
    overdueOpen: isOpen(r.status) && r.overdue ? 1 : 0,
  };
  if (resolved && r.resolvedAt) {
    c[hoursBucket((Date.parse(r.resolvedAt) - Date.parse(r.createdAt)) / HOUR_MS)] = 1;
    if (r.resolveBy) {
      c.withDeadline = 1;
      c.onTime = Date.parse(r.resolvedAt) <= Date.parse(r.resolveBy) ? 1 : 0;
    }
  }
  if (r.status === 'closed') {
    if (r.closure === 'auto') c.autoConfirmed = 1;
    if (r.rating) {
      const by = r.closure === 'follow_up' ? 'FollowUp' : 'Resident';
      c.rated = 1;
      c.ratingSum = r.rating.score;
      c[`rated${by}`] = 1;
      c[`ratingSum${by}`] = r.rating.score;
    }
  }
  return c;
}

/**
 * The demand list's share (议事清单): a report at a building, unless withdrawn, as `t_<ms>` (when it
 * arrived, so any window of days can be counted) and, while open, `o_<ms>`.
 */
function demandOf(r: ReportFacts): Sections {
  const building = r.location.buildingId;
  if (r.status === 'withdrawn' || !building) return {};
  const at = Date.parse(r.createdAt);
  return {
    [SECTION.demand(r.category, building)]: { [`t_${at}`]: 1, ...(isOpen(r.status) ? { [`o_${at}`]: 1 } : {}) },
  };
}

/** A report counts in the month it arrived (the figures are of reports received in the period). */
export function reportContribution(r: ReportFacts): Contribution {
  const c = reportCounters(r);
  const unit = r.assignee?.kind === 'unit' ? r.assignee : undefined;
  const sections: Sections = {
    feedback: c,
    [SECTION.category(r.category)]: c,
    [SECTION.grid(r.gridId ?? '')]: c,
    ...(unit ? { [SECTION.unit(unit)]: c } : {}),
    ...demandOf(r),
  };
  const labels: Labels = {
    [SECTION.category(r.category)]: r.categoryLabel,
    ...(unit ? { [SECTION.unit(unit)]: unit.name } : {}),
  };
  return { communityId: r.communityId, slot: shanghaiMonth(new Date(r.createdAt)), sections, labels };
}

export type EntryFacts = Pick<
  LedgerRecord,
  'communityId' | 'userId' | 'type' | 'points' | 'month' | 'lines' | 'buildingId'
>;

/**
 * A ledger entry: grams by material (`g_<material>`) and the home of a weigh-in (its building's too);
 * issued (recycling, volunteer); redeemed (redemptions less refunds). Adjustments and expiry are neither.
 */
export function entryContribution(e: EntryFacts): Contribution {
  const c: Counters = {};
  let members: Member[] | undefined;
  if (e.type === 'earn_recycling') {
    c.issuedRecycling = e.points;
    for (const line of e.lines ?? []) c[`g_${line.material}`] = (c[`g_${line.material}`] ?? 0) + line.grams;
    members = [{ userId: e.userId, buildingId: e.buildingId ?? '' }];
  } else if (e.type === 'earn_volunteer') c.issuedVolunteer = e.points;
  else if (e.type === 'redeem' || e.type === 'refund') c.redeemed = -e.points;
  return { communityId: e.communityId, slot: e.month, sections: { points: c }, ...(members ? { members } : {}) };
}

/** An approved home is one of the community's homes now. */
export function householdContribution(h: { communityId: string; status: string }): Contribution {
  return {
    communityId: h.communityId,
    slot: NOW_SLOT,
    sections: { homes: { homes: h.status === 'approved' ? 1 : 0 } },
  };
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
    slot: shanghaiMonth(new Date(b.publishedAt)),
    sections: { bulletins: { notices: 1, wideNotices: wide ? 1 : 0, wideReads: wide ? b.readCount : 0 } },
  };
}

const slotOf = (c: Contribution) => `${c.communityId}\n${c.slot}`;
const memberKey = (m: Member) => `${m.userId}\n${m.buildingId}`;

/**
 * What a change of an item does to the roll-ups: its new contribution less its old one, by roll-up.
 * Homes are only ever added (a weigh-in is never unmade): those the new side has and the old had not.
 */
export function difference(before: Contribution | undefined, after: Contribution | undefined): Contribution[] {
  const out = new Map<string, Contribution>();
  const add = (c: Contribution | undefined, sign: 1 | -1) => {
    if (!c) return;
    const current = out.get(slotOf(c)) ?? { communityId: c.communityId, slot: c.slot, sections: {} };
    current.sections = addSections(current.sections, c.sections, sign);
    if (sign === 1 && c.labels) current.labels = { ...c.labels };
    if (sign === 1 && c.members) {
      const had = new Set((before?.members ?? []).map(memberKey));
      const fresh = c.members.filter((m) => !had.has(memberKey(m)));
      if (fresh.length) current.members = fresh;
    }
    out.set(slotOf(c), current);
  };
  add(before, -1);
  add(after, 1);
  return [...out.values()].filter((c) => Object.keys(c.sections).length || c.members?.length);
}

/** The sum of many contributions, by roll-up: what the rebuild writes (homes that weighed in, once each). */
export function sum(contributions: readonly (Contribution | undefined)[]): Contribution[] {
  const out = new Map<string, Contribution & { seen: Map<string, Member> }>();
  for (const c of contributions) {
    if (!c) continue;
    const current = out.get(slotOf(c)) ?? {
      communityId: c.communityId,
      slot: c.slot,
      sections: {},
      labels: {},
      seen: new Map(),
    };
    current.sections = addSections(current.sections, c.sections);
    Object.assign(current.labels as Labels, c.labels);
    for (const m of c.members ?? []) current.seen.set(memberKey(m), m);
    out.set(slotOf(c), current);
  }
  return [...out.values()].map(({ seen, ...c }) => ({
    ...c,
    ...(seen.size ? { members: [...seen.values()].sort((a, b) => memberKey(a).localeCompare(memberKey(b))) } : {}),
  }));
}

/** The homes a sum counts: once a month in `participating`, once a month in each building they weighed in for. */
export function membersCounted(c: Contribution): Sections {
  const members = c.members ?? [];
  const sections: Sections = {};
  if (!members.length) return sections;
  sections.points = { participating: new Set(members.map((m) => m.userId)).size };
  for (const m of members) {
    const name = SECTION.building(m.buildingId);
    sections[name] = { households: (sections[name]?.households ?? 0) + 1 };
  }
  return sections;
}
