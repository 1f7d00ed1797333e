import type { Community, GeoPoint, Household } from '@linli/shared';
import type { Scene } from '@/lib/scene';

/** Where the problem is, as the form holds it (the API's `location`). */
export interface LocationDraft {
  estateId: string | null;
  buildingId: string | null;
  unit: number | null;
  detail: string;
  /** A pin on the map, WGS-84; optional beside the building, enough without one. */
  point: GeoPoint | null;
}

export type LocationSource = 'household' | 'scene' | 'none';

export const EMPTY_LOCATION: LocationDraft = { estateId: null, buildingId: null, unit: null, detail: '', point: null };

/** The place a scanned code stands for, if it is in this community. */
export function locationFromScene(community: Community, scene: Scene | null): LocationDraft | undefined {
  if (scene?.kind === 'building') {
    const building = community.buildings.find((b) => b.buildingId === scene.buildingId);
    if (building) return { ...EMPTY_LOCATION, estateId: building.estateId, buildingId: building.buildingId };
  }
  if (scene?.kind === 'station') {
    const station = community.stations.find((s) => s.stationId === scene.stationId);
    if (station) return { ...EMPTY_LOCATION, estateId: station.estateId, detail: station.name };
  }
  return undefined;
}

/** The resident's own home: most problems are at or near it. */
export function locationFromHousehold(community: Community, household: Household | null | undefined) {
  if (household?.status !== 'approved' || household.communityId !== community.communityId) return undefined;
  return { ...EMPTY_LOCATION, estateId: household.estateId, buildingId: household.buildingId, unit: household.unit };
}

/** An estate is enough; a community with one estate needs no choice at all. */
export function defaultLocation(community: Community): LocationDraft {
  const only = community.estates.length === 1 ? community.estates[0]?.estateId : undefined;
  return { ...EMPTY_LOCATION, estateId: only ?? null };
}

/** `春晖苑 3幢 2单元`, for saying what was filled in. */
export function describeLocation(community: Community, location: LocationDraft): string {
  const estate = community.estates.find((e) => e.estateId === location.estateId)?.name;
  const building = community.buildings.find((b) => b.buildingId === location.buildingId)?.name;
  return [estate, building, location.unit ? `${location.unit}单元` : '', location.detail].filter(Boolean).join(' ');
}
