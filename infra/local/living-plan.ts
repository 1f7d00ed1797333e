/**
 * The living demo district, planned: who lives where and what everyone does
 * when, over the six months before the start moment. Pure: the same start
 * gives the same plan (a seeded PRNG, never Math.random), and nothing here
 * touches the table. living-seed.ts carries the plan out through the domain.
 *
 * Every step is planned inside the rules the domain enforces (deadlines the
 * normal cases keep, balances, monthly limits, stock), so carrying it out
 * never meets a refusal; the sweeps run at chosen instants and do the marking,
 * escalating, auto-closing and refunding themselves.
 */

import type { SortIssue } from '@linli/shared';
import type { CommunityRecord } from '../../functions/src/data/communities.js';
import type { FeedbackStep } from '../../functions/src/domain/feedback/act.js';
import { planBulletins } from './living-plan-bulletins.js';
import { planPoints } from './living-plan-points.js';
import { planReports } from './living-plan-reports.js';
import { planStreetBulletins } from './living-plan-street.js';
import { GIVEN_NAMES, SURNAMES } from './living-seed-data.js';
import { type DemoReward, demoPeople } from './seed-data.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;
/** How far back the history goes. */
export const HISTORY_DAYS = 182;

/** mulberry32: a small seeded PRNG, so the same seed draws the same district. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

export const hash = (text: string) =>
  [...text].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 2166136261);

export interface Resident {
  userId: string;
  name: string;
  /** A demo persona (already seeded by the bare structure). */
  persona: boolean;
  home: { estateId: string; buildingId: string; gridId: string; unit: number; room: string };
}

export interface Staff {
  admins: [string, string];
  grid: Record<string, string>;
  operators: Record<string, string>;
  property: string;
  /** Generated staff to create: id, name, roles and what they cover. */
  generated: {
    userId: string;
    name: string;
    role: 'admin' | 'grid_worker' | 'station_operator' | 'property_staff';
    gridIds?: string[];
    stationIds?: string[];
  }[];
}

/** One thing that happens: `lane` orders the steps that touch the same thing; `exclusive` ones run alone. */
export interface PlannedEvent {
  at: number;
  communityId: string;
  lane: string;
  exclusive?: boolean;
  step: Step;
}

export type Step =
  | {
      kind: 'submit';
      report: string;
      by: string;
      text: { category: string; description: string };
      location: { estateId: string; buildingId: string; unit: number; detail: string };
      offline?: { reporterName: string; channel: 'hotline' | 'visit' | 'paper' };
    }
  /** `as`: the person acts for a unit (its queue) or the street office (its desk), not in the community. */
  | { kind: 'act'; report: string; by: string; body: FeedbackStep; as?: { unitId: string } | { streetId: string } }
  | {
      kind: 'credit';
      held?: string;
      operator: string;
      resident: string;
      stationId: string;
      lines: { material: string; grams: number }[];
      /** The operator ticked 分类不合格. */
      sortFlag?: { issues: SortIssue[] };
    }
  | { kind: 'held'; held: string; admin: string; approve: boolean }
  | {
      kind: 'reserve';
      reservation: string;
      resident: string;
      stationId: string;
      items: { rewardId: string; quantity: number }[];
    }
  | { kind: 'pickup'; reservation: string; operator: string; stationId: string }
  | {
      kind: 'counter';
      operator: string;
      resident: string;
      stationId: string;
      items: { rewardId: string; quantity: number }[];
    }
  | { kind: 'adjust'; admin: string; resident: string; delta: number; reason: string }
  | { kind: 'restock'; admin: string; rewardId: string; stationId: string; delta: number }
  | { kind: 'optIn'; resident: string; displayName: string }
  | {
      kind: 'activity';
      activity: string;
      admin: string;
      organiser: string;
      title: string;
      description: string;
      date: string;
      startTime: string;
      endTime: string;
      place: string;
      points: number;
      capacity: number;
    }
  | { kind: 'signUp'; activity: string; resident: string }
  | { kind: 'checkIn'; activity: string; resident: string; organiser: string }
  | { kind: 'attend'; activity: string; organiser: string; residents: string[] }
  | {
      kind: 'bulletin';
      bulletin: string;
      author: string;
      title: string;
      bulletinKind: string;
      body: string;
      important: boolean;
      audience: { type: 'community' } | { type: 'grids'; gridIds: string[] };
      publishAt: string | null;
    }
  | { kind: 'move'; bulletin: string; admin: string; transition: 'submit' | 'approve' }
  | {
      kind: 'read';
      bulletin: string;
      reader: string /** A street bulletin's (its key is the street's). */;
      street?: string;
    }
  | {
      kind: 'streetBulletin';
      streetId: string;
      bulletin: string;
      author: string;
      title: string;
      bulletinKind: string;
      body: string;
      important: boolean;
      audience: { type: 'street' } | { type: 'communities'; communityIds: string[] };
    }
  | { kind: 'streetMove'; streetId: string; bulletin: string; editor: string; transition: 'submit' | 'approve' }
  | { kind: 'newsletter'; bulletins: string[]; editor: string; title: string }
  | { kind: 'sweep'; sweeps: SweepName[] };

export type SweepName = 'sla' | 'confirm' | 'exchange' | 'publish' | 'reminder';

export interface CommunityPlan {
  community: CommunityRecord;
  residents: Resident[];
  staff: Staff;
}

export interface Plan {
  start: number;
  historyStart: number;
  communities: CommunityPlan[];
  events: PlannedEvent[];
}

/** Shanghai midnight of the day `ms` falls on, as epoch ms. */
export const shanghaiMidnight = (ms: number) => Math.floor((ms + SHANGHAI) / DAY) * DAY - SHANGHAI;
/** `hh:mm` Shanghai on the day of `dayStart` (a Shanghai midnight). */
export const at = (dayStart: number, hh: number, mm = 0) => dayStart + hh * HOUR + mm * MINUTE;

/** What each planner part gets: the community, its people, the clock's bounds, and where to put events. */
export interface PlanContext {
  cp: CommunityPlan;
  rng: Rng;
  start: number;
  historyStart: number;
  rewards: DemoReward[];
  add: (e: Omit<PlannedEvent, 'communityId'>) => void;
}

function residentsOf(c: CommunityRecord, rng: Rng): Resident[] {
  const taken = new Set<string>();
  const residents: Resident[] = [];
  for (const p of demoPeople) {
    const home = p.membership?.home;
    if (p.membership?.communityId !== c.communityId || !home) continue;
    const gridId = c.buildings.find((b) => b.buildingId === home.buildingId)?.gridId as string;
    taken.add(`${home.buildingId}/${home.unit}/${home.room}`);
    residents.push({ userId: `demo-${p.persona}`, name: p.name, persona: true, home: { ...home, gridId } });
  }
  const count = rng.int(30, 45);
  while (residents.length < count) {
    const b = rng.pick(c.buildings);
    const unit = rng.int(1, b.units);
    const room = `${rng.int(1, 6)}0${rng.int(1, 2)}`;
    if (taken.has(`${b.buildingId}/${unit}/${room}`)) continue;
    taken.add(`${b.buildingId}/${unit}/${room}`);
    const n = String(residents.length + 1).padStart(2, '0');
    residents.push({
      userId: `seed-${c.communityId}-r${n}`,
      name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`,
      persona: false,
      home: { estateId: b.estateId, buildingId: b.buildingId, gridId: b.gridId, unit, room },
    });
  }
  return residents;
}

/** The community's staff: the demo personas where they exist, generated people for the rest. */
function staffOf(c: CommunityRecord, rng: Rng): Staff {
  const generated: Staff['generated'] = [];
  const persona = (role: string, test: (p: (typeof demoPeople)[number]) => boolean = () => true) =>
    demoPeople.filter(
      (p) => p.membership?.communityId === c.communityId && p.membership.roles.includes(role as never) && test(p),
    );
  const make = (
    role: Staff['generated'][number]['role'],
    n: number,
    extra: Partial<Staff['generated'][number]> = {},
  ) => {
    const userId = `seed-${c.communityId}-${role.split('_')[0]}${n}`;
    generated.push({ userId, name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`, role, ...extra });
    return userId;
  };
  const admins = persona('admin').map((p) => `demo-${p.persona}`);
  while (admins.length < 2) admins.push(make('admin', admins.length + 1));
  const grid: Record<string, string> = {};
  for (const g of c.grids) {
    const p = persona('grid_worker', (x) => Boolean(x.membership?.gridIds?.includes(g.gridId)))[0];
    grid[g.gridId] = p
      ? `demo-${p.persona}`
      : make('grid_worker', Object.keys(grid).length + 1, { gridIds: [g.gridId] });
  }
  const operators: Record<string, string> = {};
  for (const s of c.stations) {
    const p = persona('station_operator', (x) => Boolean(x.membership?.stationIds?.includes(s.stationId)))[0];
    operators[s.stationId] = p
      ? `demo-${p.persona}`
      : make('station_operator', Object.keys(operators).length + 1, { stationIds: [s.stationId] });
  }
  const prop = persona('property_staff')[0];
  const property = prop ? `demo-${prop.persona}` : make('property_staff', 1);
  return { admins: admins.slice(0, 2) as [string, string], grid, operators, property, generated };
}

/** The whole plan for `communities`, as of `start` (the moment `npm start` seeds). */
export function planLivingDistrict(start: Date, communities: CommunityRecord[], rewards: DemoReward[]): Plan {
  const startMs = start.getTime();
  const historyStart = shanghaiMidnight(startMs - HISTORY_DAYS * DAY);
  const events: PlannedEvent[] = [];
  const plans: CommunityPlan[] = [];
  for (const community of communities) {
    const rng = prng(hash(community.communityId) ^ 0x5eed);
    const cp: CommunityPlan = { community, residents: residentsOf(community, rng), staff: staffOf(community, rng) };
    plans.push(cp);
    const ctx: PlanContext = {
      cp,
      rng,
      start: startMs,
      historyStart,
      rewards: rewards.filter((r) => r.communityId === community.communityId),
      add: (e) => {
        // Whatever the parts plan, nothing happens at or after the start moment.
        if (e.at >= startMs || e.at <= historyStart)
          throw new Error(`Planned outside the history: ${JSON.stringify(e.step)}`);
        events.push({ ...e, communityId: community.communityId });
      },
    };
    planReports(ctx);
    planPoints(ctx);
    planBulletins(ctx);
  }
  planStreetBulletins({ start: startMs, historyStart, communities: plans }, prng(0x57ee7), (e) => events.push(e));
  // Stable: the order planned breaks ties, so the same start always gives the same sequence.
  const order = new Map(events.map((e, i) => [e, i]));
  events.sort((a, b) => a.at - b.at || (order.get(a) as number) - (order.get(b) as number));
  return { start: startMs, historyStart, communities: plans, events };
}
