/**
 * The points history: weigh-ins at the stations, exchange days with
 * reservations picked up or refunded by the close sweep, counter redemptions,
 * restocking, held weigh-ins, a balance adjustment, leaderboard opt-ins and
 * the monthly volunteer activity. Balances, daily caps, monthly limits and
 * stock are followed as planned (conservatively: what only adds points is not
 * counted on), so no step is ever refused.
 */
import { applyDailyCap, nextExchangeWindow, pointsForWeighIn, type SortIssue, shanghaiDate } from '@linli/shared';
import { at, DAY, HOUR, hash, MINUTE, type PlanContext, prng, type Resident, shanghaiMidnight } from './living-plan.js';
import { ACTIVITY_TEXTS, BOARD_NAMES } from './living-seed-data.js';

const MATERIALS: [material: string, min: number, max: number][] = [
  ['cardboard', 1000, 6000],
  ['plastic_bottle', 300, 2000],
  ['metal_can', 200, 1200],
  ['glass', 500, 3000],
  ['textile', 1000, 4000],
];

/** How often a building's deliveries are badly sorted: each building gets one, so 分类质量 has something to rank. */
const SORT_RATES = [0.03, 0.08, 0.15, 0.3];
const LIKELY_ISSUES: SortIssue[] = ['mixed', 'mixed', 'wet_dirty', 'wet_dirty', 'bag_not_broken', 'hazardous_mixed'];

/**
 * Whether the operator flags this weigh-in, from its own seed (resident and time), so the
 * flags leave the rest of the plan's random sequence as it was.
 */
function sortFlagOf(r: Resident, t: number): { issues: SortIssue[] } | undefined {
  const own = prng(hash(`${r.userId}@${t}`));
  if (!own.chance(SORT_RATES[hash(r.home.buildingId) % SORT_RATES.length] ?? 0)) return undefined;
  const first = own.pick(LIKELY_ISSUES);
  const second = own.chance(0.2) ? own.pick(LIKELY_ISSUES.filter((i) => i !== first)) : undefined;
  return { issues: second ? [first, second] : [first] };
}

export function planPoints(ctx: PlanContext): void {
  const { cp, rng, start, historyStart } = ctx;
  const c = cp.community;
  const rules = c.settings.pointsRules;
  const admin = cp.staff.admins[0];
  const stationOf = (r: Resident) =>
    (c.stations.find((s) => s.estateId === r.home.estateId) ?? c.stations[0])?.stationId as string;
  const lane = (r: Resident | string) => `account:${c.communityId}:${typeof r === 'string' ? r : r.userId}`;
  /** Weigh-in credits planned, per resident: when and how many points (after the daily cap). */
  const credits = new Map<string, { at: number; points: number }[]>();
  const earnedOn = new Map<string, number>();
  const busyDays = new Set<string>();

  function weighIn(r: Resident, t: number, lines: { material: string; grams: number }[], held?: string) {
    const day = `${r.userId}/${shanghaiDate(new Date(t))}`;
    busyDays.add(day);
    const stationId = stationOf(r);
    const sortFlag = held ? undefined : sortFlagOf(r, t);
    ctx.add({
      at: t,
      lane: lane(r),
      step: {
        kind: 'credit',
        operator: cp.staff.operators[stationId] as string,
        resident: r.userId,
        stationId,
        lines,
        ...(held ? { held } : {}),
        ...(sortFlag ? { sortFlag } : {}),
      },
    });
    if (held) return;
    const { credited } = applyDailyCap(
      pointsForWeighIn(rules, lines).points,
      earnedOn.get(day) ?? 0,
      rules.dailyCapPoints,
    );
    earnedOn.set(day, (earnedOn.get(day) ?? 0) + credited);
    credits.set(r.userId, [...(credits.get(r.userId) ?? []), { at: t, points: credited }]);
  }
  const lines = () => {
    const first = rng.pick(MATERIALS);
    const picked = rng.chance(0.4) ? [first, rng.pick(MATERIALS.filter((m) => m !== first))] : [first];
    return picked.map(([material, min, max]) => ({ material, grams: rng.int(min, max) }));
  };
  const daytime = (dayStart: number) => at(dayStart, rng.int(8, 17), rng.int(0, 59));

  // Weigh-ins: most households bring recyclables every week or few.
  const active = cp.residents.filter((r) => r.persona || rng.chance(0.6));
  for (const r of active) {
    const every = rng.int(30, 50);
    for (let d = rng.int(1, every); ; d += every + rng.int(-3, 3)) {
      const t = daytime(historyStart + d * DAY);
      if (t >= start - HOUR) break;
      weighIn(r, t, lines());
    }
  }
  // This month's leaderboard has entries however early in the month the start is.
  const monthStart = shanghaiMidnight(start - (Number(shanghaiDate(new Date(start)).slice(8, 10)) - 1) * DAY);
  const optedIn = active.filter((r) => r.persona || rng.chance(0.4));
  for (const [i, r] of optedIn.entries()) {
    ctx.add({
      at: historyStart + DAY + i * MINUTE,
      lane: lane(r),
      step: { kind: 'optIn', resident: r.userId, displayName: boardName(r) },
    });
    const t = monthStart + Math.floor((start - monthStart) * (0.2 + 0.6 * rng.next()));
    if (t - monthStart > 10 * MINUTE && !busyDays.has(`${r.userId}/${shanghaiDate(new Date(t))}`))
      weighIn(r, t, lines());
  }
  function boardName(r: Resident) {
    const b = c.buildings.find((x) => x.buildingId === r.home.buildingId)?.name ?? '';
    return rng.pick(BOARD_NAMES).replace('{s}', r.name.slice(0, 1)).replace('{b}', b);
  }
  // A big delivery: the daily cap credits 500 of its 600 points.
  const free = (r: Resident, t: number) => !busyDays.has(`${r.userId}/${shanghaiDate(new Date(t))}`);
  const pickFree = (t: number) => active.find((r) => free(r, t) && rng.chance(0.3)) ?? active.find((r) => free(r, t));
  const capDay = daytime(historyStart + 40 * DAY);
  const capped = pickFree(capDay);
  if (capped) weighIn(capped, capDay, [{ material: 'metal_can', grams: 20_000 }]);
  // Lines over the station's limit wait for an admin: one approved, one refused, one still waiting.
  for (const [i, decision] of (['approve', 'reject', 'wait'] as const).entries()) {
    const t = decision === 'wait' ? start - rng.int(20, 40) * HOUR : daytime(historyStart + (60 + i * 30) * DAY);
    const r = pickFree(t);
    if (!r) continue;
    const held = `held-${i}`;
    weighIn(r, t, [{ material: 'glass', grams: 60_000 + rng.int(0, 9000) }], held);
    if (decision !== 'wait')
      ctx.add({
        at: t + rng.int(3, 40) * HOUR,
        lane: lane(r),
        step: { kind: 'held', held, admin, approve: decision === 'approve' },
      });
  }
  // A paper record from before the app, entered by an admin.
  const adjusted = rng.pick(active);
  ctx.add({
    at: daytime(historyStart + 20 * DAY),
    lane: lane(adjusted),
    step: { kind: 'adjust', admin, resident: adjusted.userId, delta: 30, reason: '补录纸质登记的积分' },
  });

  planExchangeDays(ctx, credits, lane);
  planActivities(ctx, lane);
}

/** Exchange days: reservations (most picked up, the rest refunded by the close sweep) and counter redemptions. */
function planExchangeDays(
  ctx: PlanContext,
  credits: Map<string, { at: number; points: number }[]>,
  lane: (r: Resident) => string,
) {
  const { cp, rng, start, historyStart } = ctx;
  const c = cp.community;
  const spent = new Map<string, number>();
  const stock = new Map<string, number>(
    ctx.rewards.flatMap((r) => Object.entries(r.stock).map(([s, q]) => [`${r.rewardId}/${s}`, q] as const)),
  );
  const initial = new Map(stock);
  for (let from = new Date(historyStart + 2 * DAY); ; ) {
    const w = nextExchangeWindow(c.settings.exchangeDay, from);
    const opens = Date.parse(w.opensAt);
    const closes = Date.parse(w.closesAt);
    if (closes + 10 * MINUTE >= start) break;
    from = new Date(closes + MINUTE);
    // Restocked on the morning before the exchange day when a shelf runs low.
    for (const [key, q] of stock) {
      const [rewardId, stationId] = key.split('/') as [string, string];
      const full = initial.get(key) ?? 0;
      if (q >= full / 2) continue;
      stock.set(key, full);
      ctx.add({
        at: opens - 22 * HOUR,
        lane: 'stock',
        exclusive: true,
        step: { kind: 'restock', admin: cp.staff.admins[0], rewardId, stationId, delta: full - q },
      });
    }
    const month = new Map<string, number>();
    let n = 0;
    for (const r of cp.residents) {
      if (!rng.chance(0.25)) continue;
      const t = opens + rng.int(5, Math.floor((closes - opens) / MINUTE) - 90) * MINUTE;
      const earned = (credits.get(r.userId) ?? []).filter((x) => x.at < t).reduce((s, x) => s + x.points, 0);
      let balance = earned - (spent.get(r.userId) ?? 0);
      const stationId = (c.stations.find((s) => s.estateId === r.home.estateId) ?? c.stations[0])?.stationId as string;
      const items: { rewardId: string; quantity: number }[] = [];
      for (const reward of [...ctx.rewards].sort((a, b) => b.pointsCost - a.pointsCost)) {
        const key = `${reward.rewardId}/${stationId}`;
        const limit = reward.monthlyLimit ?? 3;
        const quantity = Math.min(
          limit - (month.get(`${r.userId}/${reward.rewardId}`) ?? 0),
          Math.floor(balance / reward.pointsCost),
          stock.get(key) ?? 0,
          rng.int(0, 2),
        );
        if (quantity <= 0) continue;
        items.push({ rewardId: reward.rewardId, quantity });
        balance -= quantity * reward.pointsCost;
        stock.set(key, (stock.get(key) ?? 0) - quantity);
        month.set(`${r.userId}/${reward.rewardId}`, quantity);
      }
      if (!items.length) continue;
      spent.set(r.userId, earned - balance);
      const operator = cp.staff.operators[stationId] as string;
      if (rng.chance(0.15)) {
        ctx.add({ at: t, lane: lane(r), step: { kind: 'counter', operator, resident: r.userId, stationId, items } });
        continue;
      }
      const reservation = `res-${opens}-${++n}`;
      ctx.add({ at: t, lane: lane(r), step: { kind: 'reserve', reservation, resident: r.userId, stationId, items } });
      // Most pick up the same day; what is left (the day's first reservation at least) is refunded when it closes.
      if (n > 1 && rng.chance(0.8))
        ctx.add({
          at: t + rng.int(10, 80) * MINUTE,
          lane: lane(r),
          step: { kind: 'pickup', reservation, operator, stationId },
        });
    }
    ctx.add({ at: closes + 5 * MINUTE, lane: 'sweep', exclusive: true, step: { kind: 'sweep', sweeps: ['exchange'] } });
  }
}

/** The monthly themed activity (一月一主题): created ahead, signed up, checked in, attendance confirmed. */
function planActivities(ctx: PlanContext, lane: (r: Resident) => string) {
  const { cp, rng, start, historyStart } = ctx;
  const c = cp.community;
  const organisers = [...Object.values(cp.staff.grid), ...Object.values(cp.staff.operators)];
  for (let m = 0; m < 6; m++) {
    const text = ACTIVITY_TEXTS[(m + c.communityId.length) % ACTIVITY_TEXTS.length] as (typeof ACTIVITY_TEXTS)[number];
    const day = shanghaiMidnight(historyStart + (m * 30 + rng.int(14, 24)) * DAY);
    const date = shanghaiDate(new Date(day + HOUR));
    const [sh, sm] = text.startTime.split(':').map(Number) as [number, number];
    const [eh, em] = text.endTime.split(':').map(Number) as [number, number];
    const startsAt = at(day, sh, sm);
    const endsAt = at(day, eh, em);
    if (endsAt + HOUR >= start) break;
    const activity = `act-${m}`;
    const organiser = rng.pick(organisers);
    const created = at(day - 9 * DAY, 10);
    const place = `${c.stations[0]?.name ?? c.name}门口集合`;
    const volunteers = cp.residents.filter(() => rng.chance(0.15)).slice(0, 6);
    ctx.add({
      at: created,
      lane: `activity:${c.communityId}:${activity}`,
      step: { kind: 'activity', activity, admin: cp.staff.admins[0], organiser, ...text, date, place, capacity: 15 },
    });
    for (const [i, r] of volunteers.entries())
      ctx.add({
        at: created + (i + 1) * rng.int(3, 12) * HOUR,
        lane: `activity:${c.communityId}:${activity}`,
        step: { kind: 'signUp', activity, resident: r.userId },
      });
    const came = volunteers.filter(() => rng.chance(0.85));
    for (const [i, r] of came.entries())
      ctx.add({
        at: startsAt - 20 * MINUTE + i * 3 * MINUTE,
        lane: `activity:${c.communityId}:${activity}`,
        step: { kind: 'checkIn', activity, resident: r.userId, organiser },
      });
    if (came.length)
      ctx.add({
        at: endsAt + 15 * MINUTE,
        lane: 'attend',
        exclusive: true,
        step: { kind: 'attend', activity, organiser, residents: came.map((r) => r.userId) },
      });
    void lane;
  }
}
