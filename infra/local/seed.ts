/**
 * Seeds the demo district through the real repositories. Idempotent: what is
 * already there (and anything people changed since) is left alone.
 */
import { activityInstants, type Household, type Role, shanghaiDate } from '@linli/shared';
import { createActivitiesRepository } from '../../functions/src/data/activities.js';
import type { TableRef } from '../../functions/src/data/client.js';
import type { CommunityRecord } from '../../functions/src/data/communities.js';
import { createCommunitiesRepository } from '../../functions/src/data/communities.js';
import { putApprovedHousehold } from '../../functions/src/data/households.js';
import { putRewardWithStock } from '../../functions/src/data/points.js';
import { createRebuildDeps } from '../../functions/src/data/rollup-sources.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { createUnitsRepository } from '../../functions/src/data/units.js';
import { createUsersRepository } from '../../functions/src/data/users.js';
import { rebuildAndWrite } from '../../functions/src/domain/rollups/rebuild.js';
import {
  bareCommunityIds,
  demoActivities,
  demoCommunities,
  demoPeople,
  demoRewards,
  demoStreets,
  demoUnits,
} from './seed-data.js';

const SEEDED_AT = '2026-01-05T01:00:00.000Z';

export interface SeedOptions {
  /** Which of `demoCommunities` to seed: the bare structure's two unless told. */
  communityIds?: readonly string[];
  /** When the demo people joined (their profiles' and homes' time). */
  seededAt?: string;
  /** The clock the upcoming activities are dated from. */
  now?: Date;
}

/** `openidOf` gives each demo person the openid WeChat (here: the stand-in) knows them by. */
export async function seedDemoDistrict(
  table: TableRef,
  openidOf: (persona: string) => string,
  opts: SeedOptions = {},
): Promise<{ communities: number; people: number }> {
  const communities = createCommunitiesRepository(table);
  const users = createUsersRepository(table);
  const wanted = new Set(opts.communityIds ?? bareCommunityIds);
  const seededAt = opts.seededAt ?? SEEDED_AT;
  let createdCommunities = 0;
  let createdPeople = 0;

  for (const community of demoCommunities.filter((c) => wanted.has(c.communityId))) {
    if (await communities.get(community.communityId)) continue;
    await communities.put(community);
    for (const reward of demoRewards.filter((r) => r.communityId === community.communityId)) {
      const { stock, ...rest } = reward;
      await putRewardWithStock(
        table,
        { ...rest, imageKey: null, active: true },
        Object.entries(stock).map(([stationId, quantity]) => ({ stationId, quantity })),
      );
    }
    await seedActivities(table, community.communityId, opts.now ?? new Date());
    createdCommunities++;
  }

  // The streets list their communities (the street's roll-ups and comparison read them from here).
  const streets = createStreetsRepository(table);
  for (const street of demoStreets)
    await streets.put({
      ...street,
      communities: demoCommunities
        .filter((c) => c.streetId === street.streetId && wanted.has(c.communityId))
        .map((c) => ({ communityId: c.communityId, name: c.name })),
    });

  // The units, serving the communities there are; each has its member (the persona's is among the people below).
  const unitsRepo = createUnitsRepository(table);
  const names = new Map(demoCommunities.map((c) => [c.communityId, c.name]));
  for (const unit of demoUnits) {
    const { member, communityIds, kind, ...rest } = unit;
    await unitsRepo.put({
      ...rest,
      unitKind: kind,
      communities: communityIds
        .filter((id) => wanted.has(id))
        .map((communityId) => ({ communityId, name: names.get(communityId) ?? communityId })),
    });
    if (member.userId.startsWith('demo-') || (await users.getProfile(member.userId))) continue;
    await putPerson(table, {
      userId: member.userId,
      name: member.name,
      openid: `seed-openid-${member.userId}`,
      householdId: `seed-home-${member.userId}`,
      at: seededAt,
      community: undefined,
    });
    await unitsRepo.putMembership({
      userId: member.userId,
      unitId: unit.unitId,
      unitName: unit.name,
      roles: ['unit_staff'],
    });
  }

  for (const person of demoPeople) {
    const userId = `demo-${person.persona}`;
    if (await users.getProfile(userId)) continue;
    const m = person.membership;
    const community = demoCommunities.find((c) => c.communityId === m?.communityId);
    await putPerson(table, {
      userId,
      name: person.name,
      persona: person.persona,
      description: person.description,
      openid: openidOf(person.persona),
      householdId: `demo-home-${person.persona}`,
      at: seededAt,
      community,
      membership: m,
    });
    if (person.street) {
      const street = demoStreets.find((s) => s.streetId === person.street?.streetId);
      await streets.putMembership({
        userId,
        streetId: person.street.streetId,
        streetName: street?.name ?? person.street.streetId,
        roles: person.street.roles,
      });
    }
    if (person.unit) {
      const unit = demoUnits.find((u) => u.unitId === person.unit?.unitId);
      await unitsRepo.putMembership({
        userId,
        unitId: person.unit.unitId,
        unitName: unit?.name ?? person.unit.unitId,
        roles: person.unit.roles,
      });
    }
    createdPeople++;
  }
  return { communities: createdCommunities, people: createdPeople };
}

/** One person with their membership and, with a home, their approved household (bound to its building). */
export async function putPerson(
  table: TableRef,
  p: {
    userId: string;
    name: string;
    persona?: string;
    description?: string;
    openid: string;
    householdId: string;
    at: string;
    community: CommunityRecord | undefined;
    membership?: {
      roles: Role[];
      gridIds?: string[];
      stationIds?: string[];
      home?: { estateId: string; buildingId: string; unit: number; room: string };
    };
    decidedBy?: string;
  },
): Promise<void> {
  const { userId, community, membership: m } = p;
  const home = m?.home;
  const estate = community?.estates.find((e) => e.estateId === home?.estateId);
  const building = community?.buildings.find((b) => b.buildingId === home?.buildingId);
  const address = home ? `${estate?.name} ${building?.name} ${home.unit}单元 ${home.room}室` : '';
  let householdId: string | null = null;
  if (home && community) {
    const household: Household = {
      householdId: p.householdId,
      communityId: community.communityId,
      userId,
      applicantName: p.name,
      estateId: home.estateId,
      buildingId: home.buildingId,
      unit: home.unit,
      room: home.room,
      relation: 'owner',
      address,
      status: 'approved',
      requestedAt: p.at,
      decidedAt: p.at,
      decidedBy: p.decidedBy ?? 'demo-admin-chunhui',
      rejectReason: null,
      decisions: [],
    };
    await putApprovedHousehold(table, household);
    householdId = household.householdId;
  }
  await createUsersRepository(table).putUserWithMemberships(
    {
      userId,
      nickname: p.name,
      createdAt: p.at,
      ...(p.persona ? { persona: p.persona, personaDescription: p.description } : {}),
      openid: p.openid,
    },
    m && community
      ? [
          {
            userId,
            communityId: community.communityId,
            communityName: community.name,
            roles: m.roles,
            gridIds: m.gridIds ?? [],
            stationIds: m.stationIds ?? [],
            householdId,
            home:
              home && householdId
                ? { estateId: home.estateId, buildingId: home.buildingId, gridId: building?.gridId ?? null, address }
                : null,
          },
        ]
      : [],
  );
}

/** The demo activities of a community, dated from `now` so they are still to come. */
async function seedActivities(table: TableRef, communityId: string, now: Date): Promise<void> {
  const activities = createActivitiesRepository(table);
  for (const a of demoActivities.filter((d) => d.communityId === communityId)) {
    const date = shanghaiDate(new Date(now.getTime() + a.inDays * 86_400_000));
    await activities.put({
      activityId: a.activityId,
      communityId,
      title: a.title,
      description: a.description,
      date,
      startTime: a.startTime,
      endTime: a.endTime,
      ...activityInstants(date, a.startTime, a.endTime),
      place: a.place,
      points: a.points,
      capacity: a.capacity,
      signedUp: 0,
      organiserId: `demo-${a.organiser}`,
      createdBy: `demo-admin-${communityId}`,
      createdAt: now.toISOString(),
    });
  }
}

/** Recomputes the demo streets' roll-ups from the raw items (functions/src/domain/rollups/rebuild.ts). */
export async function rebuildDemoRollups(table: TableRef): Promise<void> {
  const deps = createRebuildDeps(table);
  for (const street of demoStreets) await rebuildAndWrite(deps, { streetId: street.streetId });
}
