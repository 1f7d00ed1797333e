/**
 * One planned step, carried out by the domain function a handler would call,
 * as the person the plan names, at the planned instant (`now`). Each step has
 * an Idempotency-Key of its own, derived from the plan, never random.
 */
import { createHash } from 'node:crypto';
import type { MembershipRecord } from '../../functions/src/data/users.js';
import { createNewsletter } from '../../functions/src/domain/bulletins/newsletters.js';
import { markRead } from '../../functions/src/domain/bulletins/read.js';
import { createStreetBulletin, moveStreetBulletin } from '../../functions/src/domain/bulletins/street.js';
import { createBulletin, moveBulletin, publishDue } from '../../functions/src/domain/bulletins/write.js';
import { actOnFeedback } from '../../functions/src/domain/feedback/act.js';
import { sweepConfirmations } from '../../functions/src/domain/feedback/confirm-sweep.js';
import { enterOfflineFeedback, submitFeedback } from '../../functions/src/domain/feedback/submit.js';
import { FROM_FIRST_PAGE, sweepFeedbackDeadlines } from '../../functions/src/domain/feedback/sweep.js';
import {
  checkIn,
  communityRunner,
  confirmAttendance,
  createActivity,
  issueCheckinCode,
  signUp,
} from '../../functions/src/domain/points/activities.js';
import {
  adjustBalance,
  approveHeldCredit,
  changeStock,
  rejectHeldCredit,
} from '../../functions/src/domain/points/admin.js';
import { issueMemberCode } from '../../functions/src/domain/points/codes.js';
import { creditWeighIn } from '../../functions/src/domain/points/credit.js';
import { setLeaderboardOptIn } from '../../functions/src/domain/points/figures.js';
import {
  closeExchangeWindows,
  fulfilRedemption,
  redeemAtCounter,
  remindPickups,
  reserveRewards,
} from '../../functions/src/domain/points/redeem.js';
import type { PlannedEvent } from './living-plan.js';

type Base = Record<string, unknown> & {
  users: {
    getMembership(u: string, c: string): Promise<MembershipRecord | undefined>;
    getProfile(u: string): Promise<{ nickname: string; openid?: string } | undefined>;
  };
};

export interface Runner {
  base: Base;
  /** Plan keys → what the domain gave them (report ids, redemption ids and pickup codes, credit ids, …). */
  ids: Map<string, string>;
  memberships: Map<string, MembershipRecord>;
  /** Names and openids, read once: nobody renames themselves during the history. */
  profiles: Map<string, { nickname: string; openid?: string }>;
  /** The communities as the sweeps list them, read once (none is added during the history). */
  listed?: Promise<{ communityId: string }[]>;
}

/**
 * The communities repository as a sweep planned for one community sees it: listing only
 * that one, so its sweeps leave the other communities (whose histories run beside it) alone.
 */
function sweptOnly(r: Runner, communityId: string) {
  const communities = r.base.communities as { list(c: string | undefined, n: number): Promise<ListPage> };
  r.listed ??= (async () => {
    const all: { communityId: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await communities.list(cursor, 100);
      all.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return all;
  })();
  const listed = r.listed;
  return {
    ...communities,
    list: async () => ({ items: (await listed).filter((c) => c.communityId === communityId), cursor: null }),
  };
}
type ListPage = { items: { communityId: string }[]; cursor: string | null };

/** The step's own key: its community, instant and what it does (two restocks at one instant differ by their reward). */
const idem = (scope: string, e: PlannedEvent) => ({
  scope,
  key: `living-${e.communityId}-${e.at}-${createHash('sha256').update(JSON.stringify(e.step)).digest('hex').slice(0, 16)}`,
  fingerprint: `living:${e.step.kind}`,
});

async function member(r: Runner, userId: string, communityId: string): Promise<MembershipRecord> {
  const key = `${communityId}/${userId}`;
  const known = r.memberships.get(key);
  if (known) return known;
  const found = await r.base.users.getMembership(userId, communityId);
  if (!found) throw new Error(`Living seed: ${userId} is no member of ${communityId}`);
  r.memberships.set(key, found);
  return found;
}

/** A person's name and openid, read once: nobody renames themselves during the history. */
async function profileOf(r: Runner, userId: string) {
  let profile = r.profiles.get(userId);
  if (!profile) {
    profile = await r.base.users.getProfile(userId);
    if (!profile) throw new Error(`Living seed: ${userId} has no profile`);
    r.profiles.set(userId, profile);
  }
  return profile;
}

async function person(r: Runner, userId: string, communityId: string) {
  const m = await member(r, userId, communityId);
  const profile = await profileOf(r, userId);
  return {
    userId,
    name: profile.nickname,
    openid: profile.openid,
    roles: m.roles,
    gridIds: m.gridIds,
    home: m.home,
    membership: m,
  };
}

/** Someone acting for a unit or the street office: no community roles, the desk they act for. */
async function deskActor(r: Runner, userId: string, as: { unitId: string } | { streetId: string }) {
  const profile = await profileOf(r, userId);
  const desk = 'unitId' in as ? { unitIds: [as.unitId] } : { streetIds: [as.streetId] };
  return { userId, name: profile.nickname, openid: profile.openid, roles: [], gridIds: [], ...desk };
}

/** A street admin as the street bulletins see them (the plan names only the street's admins). */
async function streetEditor(r: Runner, userId: string) {
  const profile = await profileOf(r, userId);
  return { userId, name: profile.nickname, openid: profile.openid, roles: ['street_admin' as const] };
}

const id = (r: Runner, communityId: string, key: string) => {
  const found = r.ids.get(`${communityId}/${key}`);
  if (!found) throw new Error(`Living seed: ${key} of ${communityId} was never made`);
  return found;
};

export async function runStep(r: Runner, e: PlannedEvent): Promise<void> {
  const now = new Date(e.at);
  // biome-ignore lint/suspicious/noExplicitAny: one deps object serves every context's functions, as the jobs Lambda's does
  const deps: any = { ...r.base, now: () => now };
  const c = e.communityId;
  const s = e.step;
  const keep = (key: string, value: string) => r.ids.set(`${c}/${key}`, value);
  try {
    switch (s.kind) {
      case 'submit': {
        const actor = await person(r, s.by, c);
        const body = {
          category: s.text.category,
          description: s.text.description,
          photos: [],
          location: { ...s.location, point: null },
        };
        const report = s.offline
          ? await enterOfflineFeedback(
              deps,
              actor,
              c,
              {
                ...body,
                channel: s.offline.channel,
                reporterName: s.offline.reporterName,
                reporterPhone: null,
              } as never,
              idem(s.by, e),
            )
          : await submitFeedback(deps, actor, c, { ...body, anonymous: false, channel: 'app' } as never, idem(s.by, e));
        return void keep(s.report, report.reportId);
      }
      case 'act': {
        const actor = s.as ? await deskActor(r, s.by, s.as) : await person(r, s.by, c);
        return void (await actOnFeedback(deps, actor, c, id(r, c, s.report), s.body, idem(s.by, e)));
      }
      case 'credit': {
        const code = await issueMemberCode(deps, s.resident, c);
        const operator = { userId: s.operator, membership: await member(r, s.operator, c) };
        const result = await creditWeighIn(
          deps,
          operator,
          c,
          { memberCode: code.code, stationId: s.stationId, lines: s.lines, sortFlag: s.sortFlag } as never,
          idem(s.operator, e),
        );
        if (s.held) keep(s.held, result.creditId);
        return;
      }
      case 'held':
        if (s.approve) await approveHeldCredit(deps, s.admin, c, id(r, c, s.held));
        else await rejectHeldCredit(deps, s.admin, c, id(r, c, s.held), '称重记录异常，请重新称重后再记分');
        return;
      case 'reserve': {
        const reserved = await reserveRewards(
          deps,
          s.resident,
          c,
          { stationId: s.stationId, items: s.items },
          idem(s.resident, e),
        );
        keep(s.reservation, reserved.pickupCode as string);
        return;
      }
      case 'pickup': {
        const operator = { userId: s.operator, membership: await member(r, s.operator, c) };
        await fulfilRedemption(
          deps,
          operator,
          c,
          { pickupCode: id(r, c, s.reservation), stationId: s.stationId },
          idem(s.operator, e),
        );
        return;
      }
      case 'counter': {
        const code = await issueMemberCode(deps, s.resident, c);
        const operator = { userId: s.operator, membership: await member(r, s.operator, c) };
        await redeemAtCounter(
          deps,
          operator,
          c,
          { memberCode: code.code, stationId: s.stationId, items: s.items },
          idem(s.operator, e),
        );
        return;
      }
      case 'adjust':
        return void (await adjustBalance(
          deps,
          s.admin,
          c,
          { userId: s.resident, points: s.delta, reason: s.reason },
          idem(s.admin, e),
        ));
      case 'restock':
        return void (await changeStock(
          deps,
          s.admin,
          c,
          s.rewardId,
          { stationId: s.stationId, delta: s.delta, reason: '兑换日前补货' } as never,
          idem(s.admin, e),
        ));
      case 'optIn':
        return void (await setLeaderboardOptIn(deps, s.resident, c, { optIn: true, displayName: s.displayName }));
      case 'activity': {
        const body = {
          title: s.title,
          description: s.description,
          date: s.date,
          startTime: s.startTime,
          endTime: s.endTime,
          place: s.place,
          points: s.points,
          capacity: s.capacity,
          organiserId: s.organiser,
        };
        const a = await createActivity(deps, s.admin, c, body as never, idem(s.admin, e));
        return void keep(s.activity, a.activityId);
      }
      case 'signUp':
        return void (await signUp(deps, s.resident, c, id(r, c, s.activity)));
      case 'checkIn': {
        const activityId = id(r, c, s.activity);
        const code = await issueCheckinCode(
          deps,
          communityRunner(s.organiser, await member(r, s.organiser, c)),
          c,
          activityId,
        );
        return void (await checkIn(deps, s.resident, c, activityId, code.code));
      }
      case 'attend':
        return void (await confirmAttendance(
          deps,
          communityRunner(s.organiser, await member(r, s.organiser, c)),
          c,
          id(r, c, s.activity),
          { userIds: s.residents },
        ));
      case 'bulletin': {
        const author = await person(r, s.author, c);
        const body = {
          title: s.title,
          kind: s.bulletinKind,
          coverKey: null,
          body: s.body,
          audience: s.audience,
          important: s.important,
          pinned: false,
          publishAt: s.publishAt,
          activityId: null,
          issueId: null,
        };
        const b = await createBulletin(deps, author, c, body as never, idem(s.author, e));
        return void keep(s.bulletin, b.bulletinId);
      }
      case 'move':
        return void (await moveBulletin(deps, await person(r, s.admin, c), c, id(r, c, s.bulletin), s.transition));
      case 'read':
        return void (await markRead(deps, await person(r, s.reader, c), c, id(r, s.street ?? c, s.bulletin)));
      case 'streetBulletin': {
        const body = {
          title: s.title,
          kind: s.bulletinKind,
          body: s.body,
          audience: s.audience,
          important: s.important,
          pinned: false,
          publishAt: null,
        };
        const author = await streetEditor(r, s.author);
        const b = await createStreetBulletin(deps, author, s.streetId, body as never, idem(s.author, e));
        return void keep(s.bulletin, b.bulletinId);
      }
      case 'streetMove':
        return void (await moveStreetBulletin(
          deps,
          await streetEditor(r, s.editor),
          s.streetId,
          id(r, s.streetId, s.bulletin),
          s.transition,
        ));
      case 'newsletter':
        return void (await createNewsletter(deps, await person(r, s.editor, c), c, {
          title: s.title,
          coverKey: null,
          bulletinIds: s.bulletins.map((b) => id(r, c, b)),
        }));
      case 'sweep':
        // A community's own sweep sweeps it alone; the district's (no community) sweeps them all.
        if (c) deps.communities = sweptOnly(r, c);
        // Never cut short (no budget), from the first page: the jobs' own cursors are theirs, not the history's.
        deps.sweepCursors = FROM_FIRST_PAGE;
        for (const sweep of s.sweeps) {
          if (sweep === 'sla') await sweepFeedbackDeadlines(deps, now);
          if (sweep === 'confirm') await sweepConfirmations(deps, now);
          if (sweep === 'exchange') await closeExchangeWindows(deps, now);
          if (sweep === 'reminder') await remindPickups(deps, now);
          if (sweep === 'publish') await publishDue(deps, now);
        }
        return;
    }
  } catch (error) {
    throw new Error(
      `Living seed: ${s.kind} in ${c || 'the district'} at ${now.toISOString()} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
