/**
 * The points rules, pure: what a weigh-in earns, and when the exchange
 * window is open. Business time is Asia/Shanghai.
 */
import type { ExchangeDay, PointsRules } from '../schemas/community.js';
import { SHANGHAI_OFFSET_MS, shanghaiClock, shanghaiDate, startOfShanghaiDay } from '../time.js';

export interface WeighInLine {
  material: string;
  grams: number;
}

export interface WeighInResult {
  lines: { material: string; label: string; grams: number; points: number; outlier: boolean }[];
  /** Points of the lines within the per-line limit, before the daily cap. */
  points: number;
  /** Lines heavier than the community allows: held for an admin, never silently credited. */
  outliers: number;
}

const ROUND = { floor: Math.floor, round: Math.round, ceil: Math.ceil } as const;

/** Points per line = kg × points-per-kg, rounded by the community's rule. */
export function pointsForWeighIn(rules: PointsRules, lines: readonly WeighInLine[]): WeighInResult {
  const result = lines.map((line) => {
    const material = rules.materials.find((m) => m.material === line.material);
    const outlier = line.grams > rules.maxLineGrams;
    const points = material && !outlier ? ROUND[rules.rounding]((line.grams / 1000) * material.pointsPerKg) : 0;
    return { material: line.material, label: material?.label ?? line.material, grams: line.grams, points, outlier };
  });
  return {
    lines: result,
    points: result.reduce((sum, l) => sum + l.points, 0),
    outliers: result.filter((l) => l.outlier).length,
  };
}

/** What the daily cap leaves of `points` when `earnedToday` were already credited today. */
export function applyDailyCap(points: number, earnedToday: number, cap: number): { credited: number; capped: boolean } {
  const credited = Math.max(0, Math.min(points, cap - earnedToday));
  return { credited, capped: credited < points };
}

export interface ExchangeWindow {
  opensAt: string;
  closesAt: string;
}

function windowOn(date: string, day: ExchangeDay): ExchangeWindow {
  const start = startOfShanghaiDay(date).getTime();
  const at = (clock: string) => {
    const [h, m] = clock.split(':').map(Number) as [number, number];
    return new Date(start + (h * 60 + m) * 60_000).toISOString();
  };
  return { opensAt: at(day.opensAt), closesAt: at(day.closesAt) };
}

/** The exchange window containing `now`, or null when the counter is closed. */
export function openExchangeWindow(day: ExchangeDay, now: Date): ExchangeWindow | null {
  const date = shanghaiDate(now);
  if (day.mode === 'monthly' && Number(date.slice(8, 10)) !== day.dayOfMonth) return null;
  const window = windowOn(date, day);
  const iso = now.toISOString();
  return iso >= window.opensAt && iso < window.closesAt ? window : null;
}

/** The next window that has not closed yet at `now` (the open one, if open). */
export function nextExchangeWindow(day: ExchangeDay, now: Date): ExchangeWindow {
  const iso = now.toISOString();
  const shanghaiNow = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  for (let i = 0; i <= 62; i++) {
    const candidate = new Date(
      Date.UTC(shanghaiNow.getUTCFullYear(), shanghaiNow.getUTCMonth(), shanghaiNow.getUTCDate() + i),
    );
    const date = candidate.toISOString().slice(0, 10);
    if (day.mode === 'monthly' && candidate.getUTCDate() !== day.dayOfMonth) continue;
    const window = windowOn(date, day);
    if (window.closesAt > iso) return window;
  }
  throw new Error('No exchange window in the next two months');
}

/** "3月6日 08:30–17:00" in Shanghai time, for messages. */
export function describeWindow(window: ExchangeWindow): string {
  const open = new Date(window.opensAt);
  const date = shanghaiDate(open);
  const close = new Date(window.closesAt);
  // A window open until midnight closes at the next day's 00:00: say 24:00, as the admin set it.
  const closing = shanghaiDate(close) > date && shanghaiClock(close) === '00:00' ? '24:00' : shanghaiClock(close);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${shanghaiClock(open)}–${closing}`;
}

/** Residents' names on operators' screens: 王秀英 → 王*英, 李明 → 李*. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
