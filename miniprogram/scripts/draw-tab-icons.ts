/**
 * Draws the four tab bar icons (81×81 PNG, normal + selected) with pngjs.
 * The weapp tab bar takes only local PNG/JPG files, so the PNGs are committed;
 * run `npx tsx miniprogram/scripts/draw-tab-icons.ts` after changing a shape.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type Shape = (x: number, y: number) => boolean;

const SIZE = 81;
const SAMPLES = 4; // 4×4 supersampling per pixel for smooth edges
const NORMAL: [number, number, number] = [0x59, 0x59, 0x59];
const SELECTED: [number, number, number] = [0xb7, 0x1c, 0x1c];

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect =
  (x0: number, y0: number, x1: number, y1: number, r = 0): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
const polygon =
  (points: [number, number][]): Shape =>
  (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i] as [number, number];
      const [xj, yj] = points[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (shape: Shape, ...holes: Shape[]): Shape =>
  (x, y) =>
    shape(x, y) && !holes.some((h) => h(x, y));

function star(cx: number, cy: number, outer: number, inner: number): Shape {
  const points: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return polygon(points);
}

const ICONS: Record<string, Shape> = {
  // 首页: a house with a door
  home: minus(
    union(
      polygon([
        [40.5, 8],
        [74, 38],
        [7, 38],
      ]),
      rect(16, 34, 65, 72, 3),
    ),
    rect(34, 50, 47, 72, 2),
  ),
  // 意见箱: a speech bubble with three lines of text
  feedback: minus(
    union(
      rect(6, 10, 75, 58, 10),
      polygon([
        [20, 54],
        [36, 54],
        [18, 72],
      ]),
    ),
    rect(18, 22, 63, 27, 2.5),
    rect(18, 32, 63, 37, 2.5),
    rect(18, 42, 48, 47, 2.5),
  ),
  // 积分: a star inside a ring
  points: union(minus(circle(40.5, 40.5, 34), circle(40.5, 40.5, 28)), star(40.5, 43, 21, 9)),
  // 我的: head and shoulders
  mine: union(
    circle(40.5, 24, 15),
    minus(circle(40.5, 80, 34), rect(0, 74, 81, 81), circle(40.5, 24, 19)),
    rect(6.5, 66, 74.5, 74, 4),
  ),
};

function draw(shape: Shape, [r, g, b]: [number, number, number]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits++;
      const i = (y * SIZE + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab');
mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(path.join(outDir, `${name}.png`), draw(shape, NORMAL));
  writeFileSync(path.join(outDir, `${name}-active.png`), draw(shape, SELECTED));
}
console.log(`tab icons written to ${outDir}`);
