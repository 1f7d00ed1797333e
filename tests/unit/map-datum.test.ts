/**
 * WGS-84 ⇄ GCJ-02: WeChat's map speaks the Chinese datum, we store GPS's.
 * The forward formula against its published reference value, the way back
 * to a centimetre, and no shift outside China.
 */
import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, roundPoint, wgs84ToGcj02 } from '../../shared/src/feedback/location.js';

/** Metres between two nearby points (equirectangular, fine at this scale). */
function metres(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = Math.PI / 180;
  const x = (b.long - a.long) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

describe('the map datum', () => {
  it('moves Tiananmen to where Chinese maps draw it (the formula’s reference value)', () => {
    const shown = wgs84ToGcj02({ lat: 39.915, long: 116.404 });
    expect(shown.lat).toBeCloseTo(39.91640428150164, 9);
    expect(shown.long).toBeCloseTo(116.41024449916938, 9);
  });

  it.each([
    ['Hangzhou', { lat: 30.27415, long: 120.15515 }],
    ['Urumqi', { lat: 43.8256, long: 87.6168 }],
    ['Sanya', { lat: 18.2528, long: 109.512 }],
    ['Harbin', { lat: 45.8038, long: 126.535 }],
  ])('shifts %s by a few hundred metres and finds the way back to under a centimetre', (_, gps) => {
    const shown = wgs84ToGcj02(gps);
    expect(metres(gps, shown)).toBeGreaterThan(50);
    expect(metres(gps, shown)).toBeLessThan(800);
    expect(metres(gps, gcj02ToWgs84(shown))).toBeLessThan(0.01);
  });

  it('leaves a point outside China where it is, both ways', () => {
    const tokyo = { lat: 35.6762, long: 139.6503 };
    expect(wgs84ToGcj02(tokyo)).toEqual(tokyo);
    expect(gcj02ToWgs84(tokyo)).toEqual(tokyo);
  });

  it('keeps six decimals, about a tenth of a metre', () => {
    expect(roundPoint({ lat: 30.2745123, long: 120.1559876 })).toEqual({ lat: 30.274512, long: 120.155988 });
  });
});
