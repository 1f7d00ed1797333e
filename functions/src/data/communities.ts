import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  Building,
  CommunitySettings,
  CommunitySummary,
  defaultCommunitySettings,
  Estate,
  Grid,
  Station,
} from '@linli/shared';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity, stringSet } from './entity.js';
import { batchWriteAll } from './query.js';
import { INDEX } from './table-definition.js';

export interface CommunityRecord extends CommunitySummary {
  estates: Estate[];
  grids: Grid[];
  buildings: Building[];
  stations: Station[];
  settings: CommunitySettings;
}

const COMMUNITY_PK = 'COMM#{communityId}';

export const communities = entity({
  kind: 'community',
  doc: "A community's name and place; everything of the community shares its partition.",
  schema: CommunitySummary,
  key: { pk: COMMUNITY_PK, sk: 'META' },
  indexes: { [INDEX.gsi1]: { pk: 'COMMUNITIES', sk: '{district}#{communityId}' } },
  patterns: {
    whole: { doc: 'The whole community (a few hundred small items) in one query.', index: 'table', pk: COMMUNITY_PK },
    all: { doc: 'Every community, by district.', index: INDEX.gsi1, pk: 'COMMUNITIES' },
  },
});

/** Settings stored before a part existed read with that part's default (so far: the acceptance deadlines). */
export const communitySettings = entity({
  kind: 'settings',
  doc: "A community's settings (deadlines, exchange day, points rules, feedback), versioned.",
  schema: z.preprocess(
    (v) =>
      v && typeof v === 'object' && 'sla' in v && v.sla && typeof v.sla === 'object' && !('acceptMinutes' in v.sla)
        ? { ...v, sla: { ...v.sla, acceptMinutes: defaultCommunitySettings().sla.acceptMinutes } }
        : v,
    CommunitySettings,
  ) as unknown as typeof CommunitySettings,
  key: { pk: COMMUNITY_PK, sk: 'SETTINGS' },
});

export const estates = entity({
  kind: 'estate',
  doc: 'An estate (小区) of a community.',
  schema: Estate,
  key: { pk: COMMUNITY_PK, sk: 'ESTATE#{estateId}' },
});
export const grids = entity({
  kind: 'grid',
  doc: 'A grid (网格) of a community: the unit of feedback work.',
  schema: Grid,
  key: { pk: COMMUNITY_PK, sk: 'GRID#{gridId}' },
});
export const buildings = entity({
  kind: 'building',
  doc: 'A building of an estate, in a grid.',
  schema: Building,
  key: { pk: COMMUNITY_PK, sk: 'BUILDING#{buildingId}' },
});
export const stations = entity({
  kind: 'station',
  doc: 'A service station: where points are credited and rewards handed over.',
  schema: Station,
  key: { pk: COMMUNITY_PK, sk: 'STATION#{stationId}' },
});

/**
 * Who works a grid: the ids of the members with the grid_worker role and the grid among their gridIds. Kept by
 * every write that changes a membership's roles or grids (`gridWorkerUpdates` in users.ts), so the grid hears of
 * new work without a read of the community's members; in the community's partition, so the community's one
 * query reads it too. A string set: a change is an ADD or a DELETE, never a read.
 */
export const gridWorkers = entity({
  kind: 'grid-workers',
  doc: "A grid's workers (their user ids): who hears of new work in the grid, kept with every membership change.",
  schema: z.object({ gridId: z.string(), workerIds: stringSet.optional() }),
  key: { pk: COMMUNITY_PK, sk: 'WORKERS#{gridId}' },
});

type Item = Record<string, unknown>;

function assemble(items: Item[]): CommunityRecord | undefined {
  const meta = items.find((i) => i.kind === communities.kind);
  const settings = items.find((i) => i.kind === communitySettings.kind);
  if (!meta || !settings) return undefined;
  const of = <T>(e: { kind: string; parse: (item: Item) => T }) => items.filter((i) => i.kind === e.kind).map(e.parse);
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name.localeCompare(b.name, 'zh-Hans-CN', { numeric: true });
  return {
    ...communities.parse(meta),
    estates: of(estates).sort(byName),
    grids: of(grids).sort(byName),
    buildings: of(buildings).sort(byName),
    stations: of(stations).sort(byName),
    settings: communitySettings.parse(settings),
  };
}

export const SHOWN_TTL_MS = 60_000;
const SHOWN_MAX_ENTRIES = 1_000;

export function createCommunitiesRepository(table: TableRef, opts: { now?: () => number } = {}) {
  const now = opts.now ?? Date.now;
  const TableName = table.tableName;

  /** Whole community in one query of its partition (a few hundred small items at most). */
  async function read(communityId: string) {
    const items = await communities.rawAll(table, 'whole', { communityId });
    const community = assemble(items);
    if (!community) return undefined;
    const workers = new Map<string, string[]>();
    for (const item of items.filter((i) => i.kind === gridWorkers.kind)) {
      const g = gridWorkers.parse(item);
      workers.set(g.gridId, [...(g.workerIds ?? [])].sort());
    }
    return { community, workers };
  }

  /** What `shown` answers: each community as this container last read it, for at most SHOWN_TTL_MS. */
  const recent = new Map<string, { until: number; community: CommunityRecord }>();
  const remember = (community: CommunityRecord | undefined) => {
    if (!community) return community;
    if (recent.size >= SHOWN_MAX_ENTRIES) recent.delete(recent.keys().next().value as string);
    recent.set(community.communityId, { until: now() + SHOWN_TTL_MS, community });
    return community;
  };

  const get = async (communityId: string) => remember((await read(communityId))?.community);

  return {
    get,

    /**
     * The community for what a read shows beside its own data (station, building and estate names, the
     * catalogue's stations), as this container read it within the last minute, so such a read is its own one
     * query. Never for what a write decides or a rule checks: those read `get`. A change made in this container
     * is seen at once; one made elsewhere within SHOWN_TTL_MS.
     */
    async shown(communityId: string): Promise<CommunityRecord | undefined> {
      const hit = recent.get(communityId);
      if (hit && hit.until > now()) return hit.community;
      return get(communityId);
    },

    /** The community and the workers of each of its grids, in the same one query. */
    async getWithGridWorkers(
      communityId: string,
    ): Promise<{ community: CommunityRecord; workers: ReadonlyMap<string, readonly string[]> } | undefined> {
      const found = await read(communityId);
      remember(found?.community);
      return found;
    },

    /** The workers of one grid (one GetItem): who hears of work there. */
    async gridWorkers(communityId: string, gridId: string): Promise<string[]> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: gridWorkers.key({ communityId, gridId }) }));
      return out.Item ? [...(gridWorkers.parse(out.Item).workerIds ?? [])].sort() : [];
    },

    async getSettings(communityId: string): Promise<CommunitySettings | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: communitySettings.key({ communityId }) }));
      return out.Item ? communitySettings.parse(out.Item) : undefined;
    },

    /** Optimistic: writes only if nobody changed the settings since `expectedVersion`. */
    async replaceSettings(communityId: string, expectedVersion: number, next: CommunitySettings): Promise<boolean> {
      recent.delete(communityId);
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: communitySettings.key({ communityId }),
            UpdateExpression:
              'SET #v = :next, sla = :sla, exchangeDay = :ex, pointsRules = :pr, feedback = :fb, followUp = :fu',
            ConditionExpression: '#v = :expected',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: {
              ':expected': expectedVersion,
              ':next': next.version,
              ':sla': next.sla,
              ':ex': next.exchangeDay,
              ':pr': next.pointsRules,
              ':fb': next.feedback,
              ':fu': next.followUp,
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      } finally {
        // After the write, so a read between forgetting and writing cannot remember the old settings again.
        recent.delete(communityId);
      }
    },

    list(cursor: string | undefined, limit: number) {
      return communities.page(table, 'all', {}, { cursor, limit });
    },

    /** Seeding: writes (or rewrites) a community and everything in it. */
    async put(community: CommunityRecord): Promise<void> {
      const { estates: _e, grids: _g, buildings: _b, stations: _s, settings, ...summary } = community;
      const cid = community.communityId;
      recent.delete(cid);
      const parent = { communityId: cid };
      const items = [
        communities.item(summary),
        communitySettings.item(settings, parent),
        ...community.estates.map((e) => estates.item(e, parent)),
        ...community.grids.map((g) => grids.item(g, parent)),
        ...community.buildings.map((b) => buildings.item(b, parent)),
        ...community.stations.map((s) => stations.item(s, parent)),
      ];
      await batchWriteAll(
        table,
        items.map((Item) => ({ PutRequest: { Item } })),
      );
      recent.delete(cid);
    },
  };
}

export type CommunitiesRepository = ReturnType<typeof createCommunitiesRepository>;
