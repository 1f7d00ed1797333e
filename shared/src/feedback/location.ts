/**
 * Where a report is. Whoever files it (a resident, staff, an Open311 client)
 * must say where at least one way: a building, a point on the map, or a place
 * description. An estate alone is too wide to find a problem in.
 */

export const LOCATION_REQUIRED_MESSAGE = '请选择楼栋、在地图上标出位置，或填写具体位置';

export function hasPlace(location: {
  buildingId: string | null;
  point?: { lat: number; long: number } | null;
  detail: string;
}): boolean {
  return location.buildingId !== null || Boolean(location.point) || location.detail.trim() !== '';
}
