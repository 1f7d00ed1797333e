/**
 * `npm start` (without --empty): the living demo district. The plan
 * (living-plan.ts) says what happens when; this carries it out through the
 * same domain functions and repositories the handlers use, with deps whose
 * `now()` is the planned instant of each step: one shared clock from six
 * months before the start moment up to it. Steps that touch the same thing
 * (a report, an account, a bulletin, an activity) run in time order; steps of
 * different things between two sweeps run side by side; the sweeps, restocks,
 * attendance confirmations and the newsletter run alone.
 *
 * Idempotent: when the history's first generated resident is there, nothing is seeded again.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createPhotoStore } from '../../functions/src/clients/photo-store.js';
import { createActivitiesRepository } from '../../functions/src/data/activities.js';
import { createBulletinsRepository } from '../../functions/src/data/bulletins.js';
import type { TableRef } from '../../functions/src/data/client.js';
import { createCommunitiesRepository } from '../../functions/src/data/communities.js';
import { createFeedbackRepository } from '../../functions/src/data/feedback.js';
import { createHouseholdsRepository } from '../../functions/src/data/households.js';
import { createLeaderboardRepository } from '../../functions/src/data/leaderboard.js';
import { createMessagesRepository } from '../../functions/src/data/messages.js';
import { createPhotoChecksRepository } from '../../functions/src/data/photo-checks.js';
import { createPointCodesRepository } from '../../functions/src/data/point-codes.js';
import { createPointsRepository } from '../../functions/src/data/points.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { createUnitsRepository } from '../../functions/src/data/units.js';
import { createUsersRepository } from '../../functions/src/data/users.js';
import { createSignedCodes } from '../../functions/src/http/signed-codes.js';
import { type Plan, type PlannedEvent, planLivingDistrict } from './living-plan.js';
import { type Runner, runStep } from './living-steps.js';
import { putPerson, seedDemoDistrict } from './seed.js';
import { demoCommunities, demoRewards } from './seed-data.js';

export interface LivingSeedOptions {
  /** The start moment: the history ends here. */
  now: Date;
  /** Gives each person the openid the WeChat stand-in knows them by. */
  openidOf: (person: string) => string;
  /** A WeChat client (pointed at the stand-in): content checks of the texts go through it. */
  wechat: { msgSecCheck(i: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<{ pass: boolean }> };
  photoStore: { endpoint: string; bucket: string; region: string };
  /** Signs the activities' check-in codes. */
  sessionKey: string;
  /** Steps of different lanes run this many at a time. */
  parallel?: number;
  /** Only these communities' history (a test's smaller district); all six unless told. */
  communityIds?: readonly string[];
}

/** Seeds the six communities with their history; answers what it did and how long it took. */
export async function seedLivingDistrict(
  table: TableRef,
  opts: LivingSeedOptions,
): Promise<{ seeded: boolean; events: number; ms: number }> {
  const began = Date.now();
  const communities = demoCommunities.filter((c) => !opts.communityIds || opts.communityIds.includes(c.communityId));
  const plan = planLivingDistrict(opts.now, communities, demoRewards);
  await seedDemoDistrict(table, opts.openidOf, {
    communityIds: demoCommunities.map((c) => c.communityId),
    seededAt: new Date(plan.historyStart - 86_400_000).toISOString(),
    now: opts.now,
  });
  const users = createUsersRepository(table);
  const first = plan.communities[0]?.residents.find((r) => !r.persona);
  if (!first || (await users.getProfile(first.userId))) return { seeded: false, events: 0, ms: Date.now() - began };

  const runner = runnerFor(table, opts);
  await putPeople(table, plan, opts);
  await execute(plan, runner, opts.parallel ?? 8);
  return { seeded: true, events: plan.events.length, ms: Date.now() - began };
}

function runnerFor(table: TableRef, opts: LivingSeedOptions): Runner {
  const base = {
    feedback: createFeedbackRepository(table),
    bulletins: createBulletinsRepository(table),
    points: createPointsRepository(table),
    pointCodes: createPointCodesRepository(table),
    households: createHouseholdsRepository(table),
    communities: readOnce(createCommunitiesRepository(table)),
    streets: createStreetsRepository(table),
    users: createUsersRepository(table),
    units: createUnitsRepository(table),
    messages: createMessagesRepository(table),
    activities: createActivitiesRepository(table),
    leaderboard: createLeaderboardRepository(table),
    photoChecks: createPhotoChecksRepository(table),
    codes: createSignedCodes(async () => opts.sessionKey),
    photos: createPhotoStore({
      bucket: opts.photoStore.bucket,
      s3: new S3Client({ region: opts.photoStore.region, endpoint: opts.photoStore.endpoint, forcePathStyle: true }),
    }),
    wechat: opts.wechat,
  };
  return { base, ids: new Map(), memberships: new Map(), profiles: new Map() };
}

type Communities = ReturnType<typeof createCommunitiesRepository>;

/**
 * The communities repository with each community read once, a copy of it given to every step: nothing in
 * the history changes one (its structure, settings and grid workers are there before it begins), and the
 * query of its whole partition (a few hundred items) was made by nearly every step, some 900 times in all.
 */
function readOnce(communities: Communities): Communities {
  const read = new Map<string, ReturnType<Communities['getWithGridWorkers']>>();
  const whole = (communityId: string) => {
    let found = read.get(communityId);
    if (!found) {
      found = communities.getWithGridWorkers(communityId);
      read.set(communityId, found);
    }
    return found;
  };
  const get = async (communityId: string) => structuredClone((await whole(communityId))?.community);
  return {
    ...communities,
    get,
    shown: get,
    getWithGridWorkers: async (communityId) => structuredClone(await whole(communityId)),
  };
}

/** The generated residents (approved households bound to their buildings) and staff; personas are there already. */
async function putPeople(table: TableRef, plan: Plan, opts: LivingSeedOptions) {
  const at = new Date(plan.historyStart - 86_400_000).toISOString();
  const jobs: (() => Promise<void>)[] = [];
  for (const { community, residents, staff } of plan.communities) {
    for (const r of residents.filter((x) => !x.persona))
      jobs.push(() =>
        putPerson(table, {
          userId: r.userId,
          name: r.name,
          openid: opts.openidOf(r.userId),
          householdId: `${r.userId}-home`,
          at,
          community,
          decidedBy: staff.admins[0],
          membership: { roles: ['resident'], home: r.home },
        }),
      );
    for (const s of staff.generated)
      jobs.push(() =>
        putPerson(table, {
          userId: s.userId,
          name: s.name,
          openid: opts.openidOf(s.userId),
          householdId: `${s.userId}-home`,
          at,
          community,
          membership: { roles: [s.role], gridIds: s.gridIds, stationIds: s.stationIds },
        }),
      );
  }
  await pool(jobs, 8);
}

async function pool(jobs: (() => Promise<void>)[], parallel: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < jobs.length) await (jobs[next++] as () => Promise<void>)();
    }),
  );
}

/**
 * Which steps each step waits for. A step waits for the step before it in its
 * lane and for the last exclusive step of its community; an exclusive step
 * (a sweep, a restock, an attendance confirmation, a newsletter) waits for
 * every earlier step of its community and is carried out for that community
 * alone (living-steps.ts gives its sweeps only that community). A street's
 * steps (its bulletins, copied into its communities) count as steps of every
 * community planned. So the communities' histories run side by side, each in
 * its own time order, as if each had the machine to itself.
 */
export function dependencies(plan: Plan): number[][] {
  const communities = new Set(plan.communities.map((cp) => cp.community.communityId));
  const lastInLane = new Map<string, number>();
  /** Per community: its last exclusive step, and the steps since. */
  const barrier = new Map<string, number>();
  const open = new Map<string, number[]>([...communities].map((c) => [c, []]));
  return plan.events.map((e, i) => {
    const scopes = communities.has(e.communityId) ? [e.communityId] : [...communities];
    const waits = new Set<number>();
    const lane = lastInLane.get(e.lane);
    if (lane !== undefined) waits.add(lane);
    lastInLane.set(e.lane, i);
    for (const scope of scopes) {
      const b = barrier.get(scope);
      if (b !== undefined) waits.add(b);
      if (!e.exclusive) {
        open.get(scope)?.push(i);
        continue;
      }
      for (const j of open.get(scope) ?? []) waits.add(j);
      barrier.set(scope, i);
      open.set(scope, []);
    }
    return [...waits];
  });
}

/**
 * Runs the plan: each step once those it waits for (`dependencies`) are done,
 * at most `parallel` at a time, the earliest planned first. Ends with every
 * sweep of every community at the start moment, as the first tick after it would.
 */
async function execute(plan: Plan, runner: Runner, parallel: number) {
  const waits = dependencies(plan);
  const events = plan.events;
  const pending = waits.map((w) => w.length);
  const dependents: number[][] = events.map(() => []);
  for (const [i, w] of waits.entries()) for (const j of w) dependents[j]?.push(i);
  /** Ready to run, in plan order (the earliest first keeps every community's next exclusive step close). */
  const ready: number[] = [];
  const makeReady = (i: number) => {
    let lo = 0;
    let hi = ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ready[mid] as number) < i) lo = mid + 1;
      else hi = mid;
    }
    ready.splice(lo, 0, i);
  };
  for (const [i, n] of pending.entries()) if (n === 0) makeReady(i);
  let running = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const pump = () => {
      if (failed) return;
      if (done === events.length) return resolve();
      while (running < parallel && ready.length) {
        const i = ready.shift() as number;
        running++;
        runStep(runner, events[i] as PlannedEvent).then(
          () => {
            running--;
            done++;
            for (const d of dependents[i] ?? []) if (--(pending[d] as number) === 0) makeReady(d);
            pump();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
    };
    pump();
  });
  await runStep(runner, {
    at: plan.start,
    communityId: '',
    lane: 'sweep',
    step: { kind: 'sweep', sweeps: ['sla', 'confirm', 'exchange', 'reminder', 'publish'] },
  });
}
