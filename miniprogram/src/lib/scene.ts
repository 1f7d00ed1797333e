/**
 * Scene codes: what a printed mini-program code at a building or a service
 * station carries (`getwxacodeunlimit`'s `scene`, ≤ 32 visible characters).
 * `b=chy-b3` is building chy-b3, `s=chunhui-center` is a station. The page
 * opened by the code reads it with `decodeURIComponent(query.scene)`; an H5
 * visit to `…/submit/index?scene=b%3Dchy-b3` is read the same way.
 * Pure: no Taro, so it can be tested anywhere.
 */
export type Scene = { kind: 'building'; buildingId: string } | { kind: 'station'; stationId: string };

const KINDS = { b: 'building', s: 'station' } as const;
const SCENE = /^([bs])=([A-Za-z0-9][A-Za-z0-9_-]{1,29})$/;
const MAX_SCENE_LENGTH = 32;

/** `b=chy-b3` → the building chy-b3; anything else → null. */
export function parseScene(raw: string | null | undefined): Scene | null {
  if (!raw) return null;
  let text = raw.trim();
  // WeChat hands the page the code's scene URL-encoded; a browser's router may already have decoded it.
  try {
    text = decodeURIComponent(text);
  } catch {
    return null;
  }
  if (text.length > MAX_SCENE_LENGTH) return null;
  const match = SCENE.exec(text);
  if (!match) return null;
  const [, key, id] = match as unknown as [string, keyof typeof KINDS, string];
  return KINDS[key] === 'building' ? { kind: 'building', buildingId: id } : { kind: 'station', stationId: id };
}

/** The scene a building's or a station's code carries; the inverse of `parseScene`. */
export function formatScene(scene: Scene): string {
  return scene.kind === 'building' ? `b=${scene.buildingId}` : `s=${scene.stationId}`;
}

/**
 * What `wx.scanCode` returns for one of our codes: `path` is the page with
 * `?scene=…`; a plain QR code may carry the scene itself as its text.
 */
export function sceneFromScan(result: { path?: string; result?: string }): Scene | null {
  for (const text of [result.path, result.result]) {
    if (!text) continue;
    const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : '';
    const param = query
      .split('&')
      .map((pair) => pair.split('='))
      .find(([key]) => key === 'scene');
    const scene = parseScene(param ? param.slice(1).join('=') : text);
    if (scene) return scene;
  }
  return null;
}
