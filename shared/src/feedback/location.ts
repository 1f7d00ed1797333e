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

/** A point in degrees: WGS-84 when stored, GCJ-02 only on its way to or from WeChat's map. */
export interface LatLong {
  lat: number;
  long: number;
}

// GCJ-02, the datum every map in mainland China must show (GB 20263): WGS-84 moved by a published
// formula, by 100–700 m. WeChat's chooseLocation answers in it and openLocation expects it; we keep
// WGS-84, as GPS and Open311 clients speak it.
const AXIS = 6378245.0;
const ECCENTRICITY2 = 0.006693421622965943;

const outOfChina = ({ lat, long }: LatLong) => long < 72.004 || long > 137.8347 || lat < 0.8293 || lat > 55.8271;

function shift({ lat, long }: LatLong): LatLong {
  const x = long - 105;
  const y = lat - 35;
  const common = (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * (2 / 3);
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) + common;
  dLat += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  dLat += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  let dLong = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) + common;
  dLong += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  dLong += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  const radLat = (lat / 180) * Math.PI;
  const magic = 1 - ECCENTRICITY2 * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  return {
    lat: (dLat * 180) / (((AXIS * (1 - ECCENTRICITY2)) / (magic * sqrtMagic)) * Math.PI),
    long: (dLong * 180) / ((AXIS / sqrtMagic) * Math.cos(radLat) * Math.PI),
  };
}

/** Where WeChat's map shows a WGS-84 point (unchanged outside China). */
export function wgs84ToGcj02(p: LatLong): LatLong {
  if (outOfChina(p)) return p;
  const d = shift(p);
  return { lat: p.lat + d.lat, long: p.long + d.long };
}

/** The WGS-84 point WeChat's map means, found by iterating the forward formula to under a centimetre. */
export function gcj02ToWgs84(p: LatLong): LatLong {
  if (outOfChina(p)) return p;
  let guess = { lat: p.lat, long: p.long };
  for (let i = 0; i < 10; i++) {
    const seen = wgs84ToGcj02(guess);
    const dLat = seen.lat - p.lat;
    const dLong = seen.long - p.long;
    guess = { lat: guess.lat - dLat, long: guess.long - dLong };
    if (Math.abs(dLat) < 1e-8 && Math.abs(dLong) < 1e-8) break;
  }
  return guess;
}

/** Six decimals (about 0.1 m): more than any phone knows, and what is stored. */
export const roundPoint = ({ lat, long }: LatLong): LatLong => ({
  lat: Math.round(lat * 1e6) / 1e6,
  long: Math.round(long * 1e6) / 1e6,
});
