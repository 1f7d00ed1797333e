/**
 * How times are written for people: one formatter for every page and every
 * system text (timelines, 消息). Business time is Asia/Shanghai (UTC+8, no
 * daylight saving). Pure and zod-free, so the mini-program's main package can
 * use it through `@linli/shared/rules`.
 */
import { SHANGHAI_OFFSET_MS } from './time.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

type Instant = string | Date;

export interface DateTimeOptions {
  /** Leave the year out when it is the Shanghai year of `now` (deadlines and texts about this week). */
  now?: Instant;
}

const pad = (n: number) => String(n).padStart(2, '0');
const toMs = (at: Instant) => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/** The Shanghai wall clock of an instant, to the minute (seconds are dropped, never rounded up). */
function wall(ms: number) {
  const t = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hours: t.getUTCHours(),
    minutes: t.getUTCMinutes(),
  };
}

function written(w: ReturnType<typeof wall>, clock: string, opts: DateTimeOptions | undefined) {
  const nowMs = opts?.now === undefined ? Number.NaN : toMs(opts.now);
  const sameYear = !Number.isNaN(nowMs) && wall(nowMs).year === w.year;
  return `${sameYear ? '' : `${w.year}年`}${w.month}月${w.day}日 ${clock}`;
}

/**
 * `2026-12-01T23:08:00Z` → `2026年12月2日 07:08` (with `now` in 2026: `12月2日 07:08`).
 * A moment something happened; also what WeChat's `time` fields get (a real
 * clock, 00:00–23:59). Text that is not a time comes back as it was.
 */
export function formatDateTime(at: Instant, opts?: DateTimeOptions): string {
  const ms = toMs(at);
  if (Number.isNaN(ms)) return String(at);
  const w = wall(ms);
  return written(w, `${pad(w.hours)}:${pad(w.minutes)}`, opts);
}

/**
 * A deadline, said the way people read "by when": midnight is the end of the
 * day before, `2026-12-03T16:00Z` → `2026年12月3日 24:00` (never `12月4日 00:00`,
 * which reads as the start of the 4th). Callers add 前. Seconds are dropped,
 * so the time written is never later than the real deadline.
 */
export function formatDeadline(at: Instant, opts?: DateTimeOptions): string {
  const ms = toMs(at);
  if (Number.isNaN(ms)) return String(at);
  const w = wall(ms);
  if (w.hours === 0 && w.minutes === 0) return written(wall(ms - DAY_MS), '24:00', opts);
  return written(w, `${pad(w.hours)}:${pad(w.minutes)}`, opts);
}

/** A setting in minutes: 10 → `10 分钟`, 60 → `1 小时`, 90 → `1 小时 30 分钟`, 1440 → `1 天`. */
export function formatMinutes(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return `${minutes / 1440} 天`;
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`;
}

/**
 * A span of time in words, cut down (never rounded up) to what a person
 * needs: minutes under an hour; hours under a day, with the minutes while
 * under 3 hours; days, with the hours while under 3 days.
 */
export function formatSpan(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE_MS) return '不到 1 分钟';
  if (span < HOUR_MS) return `${Math.floor(span / MINUTE_MS)} 分钟`;
  if (span < DAY_MS) {
    const hours = Math.floor(span / HOUR_MS);
    const minutes = Math.floor((span % HOUR_MS) / MINUTE_MS);
    return hours < 3 && minutes > 0 ? `${hours} 小时 ${minutes} 分钟` : `${hours} 小时`;
  }
  const days = Math.floor(span / DAY_MS);
  const hours = Math.floor((span % DAY_MS) / HOUR_MS);
  return days < 3 && hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
}

/**
 * How far a deadline is from `now`: `还剩 3 小时`, `已超时 2 小时`. At the
 * deadline itself it is already missed (the sweep counts it so too).
 */
export function formatRemaining(deadline: Instant, now: Instant): string {
  const left = toMs(deadline) - toMs(now);
  if (Number.isNaN(left)) return '';
  const span = formatSpan(Math.abs(left));
  const glue = span.startsWith('不到') ? '' : ' ';
  return left > 0 ? `还剩${glue}${span}` : `已超时${glue}${span}`;
}

/** Whether a deadline is missed at `now` (at the deadline itself, it is). */
export function isPast(deadline: Instant, now: Instant): boolean {
  return toMs(deadline) <= toMs(now);
}
