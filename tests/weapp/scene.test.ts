/**
 * The scene codes printed on buildings and stations, read by the submit page
 * in both builds (`miniprogram/src/lib/scene.ts` is pure, so it is tested here
 * directly, beside the build that ships it).
 */
import { describe, expect, it } from 'vitest';
import { formatScene, parseScene, sceneFromScan } from '../../miniprogram/src/lib/scene';

describe('scene codes', () => {
  it.each([
    ['b=chy-b3', { kind: 'building', buildingId: 'chy-b3' }],
    ['b%3Dchy-b3', { kind: 'building', buildingId: 'chy-b3' }],
    ['s=chunhui-center', { kind: 'station', stationId: 'chunhui-center' }],
    [' s%3Dcuizhu-point ', { kind: 'station', stationId: 'cuizhu-point' }],
  ])('reads %j', (raw, scene) => {
    expect(parseScene(raw)).toEqual(scene);
  });

  it.each([undefined, '', 'chy-b3', 'x=chy-b3', 'b=', 'b=chy b3', 'b=chy-b3&s=x', `b=${'a'.repeat(40)}`, '%E0%A4%A'])(
    'refuses %j',
    (raw) => {
      expect(parseScene(raw)).toBeNull();
    },
  );

  it('writes what it reads, within the 32 characters a mini-program code may carry', () => {
    for (const scene of [
      { kind: 'building', buildingId: 'chy-b3' },
      { kind: 'station', stationId: 'chunhui-center' },
    ] as const) {
      const text = formatScene(scene);
      expect(text.length).toBeLessThanOrEqual(32);
      expect(parseScene(encodeURIComponent(text))).toEqual(scene);
    }
  });

  it('finds the scene in what wx.scanCode returns for a mini-program code or a plain QR code', () => {
    expect(sceneFromScan({ path: 'packages/feedback/submit/index?scene=b%3Dchy-b3' })).toEqual({
      kind: 'building',
      buildingId: 'chy-b3',
    });
    expect(sceneFromScan({ result: 's=chunhui-center' })).toEqual({ kind: 'station', stationId: 'chunhui-center' });
    expect(sceneFromScan({ result: 'https://example.com/' })).toBeNull();
  });
});
