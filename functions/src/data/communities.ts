import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Building,
  type CommunitySettings,
  type CommunitySummary,
  defaultCommunitySettings,
  type Estate,
  type Grid,
  type Station,
} from '@linli/shared';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { batchWriteAll, queryAll } from './query.js';

export interface CommunityRecord extends CommunitySummary {
  estates: Estate[];
  grids: Grid[];
  buildings: Building[];
  stations: Station[];
  settings: CommunitySettings;
}

const strip = <T extends Record<string, unknown>>(item: T) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, kind: _kind, ...rest } = item;
  return rest;
};

/** Settings stored before a part existed read with that part's default (so far: the acceptance deadlines). */
function settingsOf(item: Record<string, unknown>): CommunitySettings {
  const settings = strip(item) as unknown as CommunitySettings;
  if (settings.sla.acceptMinutes) return settings;
  return { ...settings, sla: { ...settings.sla, acceptMinutes: defaultCommunitySettings().sla.acceptMinutes } };
}

export function createCommunitiesRepository(table: TableRef) {
  const TableName = table.tableName;

  return {
    /** Whole community in one query of its partition (a few hundred small items at most). */
    async get(communityId: string): Promise<CommunityRecord | undefined> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'attribute_exists(kind)',
        ExpressionAttributeValues: { ':pk': keys.community(communityId) },
      });
      const meta = items.find((i) => i.kind === 'community');
      const settings = items.find((i) => i.kind === 'settings');
      if (!meta || !settings) return undefined;
      const of = <T>(kind: string) => items.filter((i) => i.kind === kind).map((i) => strip(i) as T);
      const byName = (a: { name: string }, b: { name: string }) =>
        a.name.localeCompare(b.name, 'zh-Hans-CN', { numeric: true });
      return {
        ...(strip(meta) as unknown as CommunitySummary),
        estates: of<Estate>('estate').sort(byName),
        grids: of<Grid>('grid').sort(byName),
        buildings: of<Building>('building').sort(byName),
        stations: of<Station>('station').sort(byName),
        settings: settingsOf(settings),
      };
    },

    async getSettings(communityId: string): Promise<CommunitySettings | undefined> {
      const out = await table.doc.send(new GetCommand({ TableName, Key: keys.communitySettings(communityId) }));
      return out.Item ? settingsOf(out.Item) : undefined;
    },

    /** Optimistic: writes only if nobody changed the settings since `expectedVersion`. */
    async replaceSettings(communityId: string, expectedVersion: number, next: CommunitySettings): Promise<boolean> {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.communitySettings(communityId),
            UpdateExpression: 'SET #v = :next, sla = :sla, exchangeDay = :ex, pointsRules = :pr, feedback = :fb',
            ConditionExpression: '#v = :expected',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: {
              ':expected': expectedVersion,
              ':next': next.version,
              ':sla': next.sla,
              ':ex': next.exchangeDay,
              ':pr': next.pointsRules,
              ':fb': next.feedback,
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async list(cursor: string | undefined, limit: number) {
      const out = await table.doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'COMMUNITIES' },
          ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: 'COMMUNITIES' }),
          Limit: limit,
        }),
      );
      return {
        items: (out.Items ?? []).map(
          (i) =>
            ({ communityId: i.communityId, name: i.name, district: i.district, street: i.street }) as CommunitySummary,
        ),
        cursor: encodeCursor(out.LastEvaluatedKey),
      };
    },

    /** Seeding: writes (or rewrites) a community and everything in it. */
    async put(community: CommunityRecord): Promise<void> {
      const { estates, grids, buildings, stations, settings, ...summary } = community;
      const cid = community.communityId;
      const items = [
        { ...keys.communityMeta(cid), ...keys.communityIndex(summary.district, cid), kind: 'community', ...summary },
        { ...keys.communitySettings(cid), kind: 'settings', ...settings },
        ...estates.map((e) => ({ ...keys.estate(cid, e.estateId), kind: 'estate', ...e })),
        ...grids.map((g) => ({ ...keys.grid(cid, g.gridId), kind: 'grid', ...g })),
        ...buildings.map((b) => ({ ...keys.building(cid, b.buildingId), kind: 'building', ...b })),
        ...stations.map((s) => ({ ...keys.station(cid, s.stationId), kind: 'station', ...s })),
      ];
      await batchWriteAll(
        table,
        items.map((Item) => ({ PutRequest: { Item } })),
      );
    },
  };
}

export type CommunitiesRepository = ReturnType<typeof createCommunitiesRepository>;
