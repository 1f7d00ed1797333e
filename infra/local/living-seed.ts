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
    communities: createCommunitiesRepository(table),
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
 * Runs the plan in time order: between two exclusive steps, each lane's steps
 * one after another and the lanes side by side; exclusive steps alone. Ends
 * with every sweep at the start moment, as the first tick after it would.
 */
async function execute(plan: Plan, runner: Runner, parallel: number) {
  let batch: PlannedEvent[] = [];
  const flush = async () => {
    const lanes = new Map<string, PlannedEvent[]>();
    for (const e of batch) lanes.set(e.lane, [...(lanes.get(e.lane) ?? []), e]);
    batch = [];
    await pool(
      [...lanes.values()].map((events) => async () => {
        for (const e of events) await runStep(runner, e);
      }),
      parallel,
    );
  };
  for (const e of plan.events) {
    if (!e.exclusive) {
      batch.push(e);
      continue;
    }
    await flush();
    await runStep(runner, e);
  }
  await flush();
  await runStep(runner, {
    at: plan.start,
    communityId: '',
    lane: 'sweep',
    step: { kind: 'sweep', sweeps: ['sla', 'confirm', 'exchange', 'reminder', 'publish'] },
  });
}
