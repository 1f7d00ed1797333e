/**
 * Seeds the demo district through the real repositories. Idempotent: what is
 * already there (and anything people changed since) is left alone.
 */
import { activityInstants, type Household, shanghaiDate } from '@linli/shared';
import { createActivitiesRepository } from '../../functions/src/data/activities.js';
import type { TableRef } from '../../functions/src/data/client.js';
import { createCommunitiesRepository } from '../../functions/src/data/communities.js';
import { putApprovedHousehold } from '../../functions/src/data/households.js';
import { putRewardWithStock } from '../../functions/src/data/points.js';
import { createRollupSources } from '../../functions/src/data/rollup-sources.js';
import { createRollupsRepository } from '../../functions/src/data/rollups.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { createUsersRepository } from '../../functions/src/data/users.js';
import { rebuildAndWrite } from '../../functions/src/domain/rollups/rebuild.js';
import { demoActivities, demoCommunities, demoPeople, demoRewards, demoStreets } from './seed-data.js';

const SEEDED_AT = '2026-01-05T01:00:00.000Z';

/** `openidOf` gives each demo person the openid WeChat (here: the stand-in) knows them by. */
export async function seedDemoDistrict(
  table: TableRef,
  openidOf: (persona: string) => string,
): Promise<{ communities: number; people: number }> {
  const communities = createCommunitiesRepository(table);
  const users = createUsersRepository(table);
  let createdCommunities = 0;
  let createdPeople = 0;

  for (const community of demoCommunities) {
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
    await seedActivities(table, community.communityId);
    createdCommunities++;
  }

  // The streets list their communities (the street's roll-ups and comparison read them from here).
  const streets = createStreetsRepository(table);
  for (const street of demoStreets)
    await streets.put({
      ...street,
      communities: demoCommunities
        .filter((c) => c.streetId === street.streetId)
        .map((c) => ({ communityId: c.communityId, name: c.name })),
    });

  for (const person of demoPeople) {
    const userId = `demo-${person.persona}`;
    if (await users.getProfile(userId)) continue;
    const m = person.membership;
    const community = demoCommunities.find((c) => c.communityId === m?.communityId);
    let householdId: string | null = null;
    if (m?.home && community) {
      const estate = community.estates.find((e) => e.estateId === m.home?.estateId);
      const building = community.buildings.find((b) => b.buildingId === m.home?.buildingId);
      const household: Household = {
        householdId: `demo-home-${person.persona}`,
        communityId: community.communityId,
        userId,
        applicantName: person.name,
        estateId: m.home.estateId,
        buildingId: m.home.buildingId,
        unit: m.home.unit,
        room: m.home.room,
        relation: 'owner',
        address: `${estate?.name} ${building?.name} ${m.home.unit}单元 ${m.home.room}室`,
        status: 'approved',
        requestedAt: SEEDED_AT,
        decidedAt: SEEDED_AT,
        decidedBy: 'demo-admin-chunhui',
        rejectReason: null,
        decisions: [],
      };
      await putApprovedHousehold(table, household);
      householdId = household.householdId;
    }
    await users.putUserWithMemberships(
      {
        userId,
        nickname: person.name,
        createdAt: SEEDED_AT,
        persona: person.persona,
        personaDescription: person.description,
        openid: openidOf(person.persona),
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
                m.home && householdId
                  ? {
                      estateId: m.home.estateId,
                      buildingId: m.home.buildingId,
                      gridId: community.buildings.find((b) => b.buildingId === m.home?.buildingId)?.gridId ?? null,
                      address: `${community.estates.find((e) => e.estateId === m.home?.estateId)?.name} ${community.buildings.find((b) => b.buildingId === m.home?.buildingId)?.name} ${m.home.unit}单元 ${m.home.room}室`,
                    }
                  : null,
            },
          ]
        : [],
    );
    if (person.street) {
      const street = demoStreets.find((s) => s.streetId === person.street?.streetId);
      await streets.putMembership({
        userId,
        streetId: person.street.streetId,
        streetName: street?.name ?? person.street.streetId,
        roles: person.street.roles,
      });
    }
    createdPeople++;
  }
  return { communities: createdCommunities, people: createdPeople };
}

/** The demo activities of a community, dated from today so they are still to come. */
async function seedActivities(table: TableRef, communityId: string): Promise<void> {
  const activities = createActivitiesRepository(table);
  const now = new Date();
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
  const deps = {
    sources: createRollupSources(table),
    streets: createStreetsRepository(table),
    rollups: createRollupsRepository(table),
    now: () => new Date(),
  };
  for (const street of demoStreets) await rebuildAndWrite(deps, street.streetId);
}
