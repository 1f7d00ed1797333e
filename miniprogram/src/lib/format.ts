/**
 * Display formats. Dates and times come from `@linli/shared/rules` (the one formatter the
 * backend's system texts use too): `formatDateTime` (`2026年11月23日 14:05`), `formatDeadline`
 * (midnight as `24:00` of the day before), `formatRemaining` (`还剩 3 小时`, `已超时 2 小时`),
 * `formatMinutes` (`1 小时 30 分钟`). Business time is Asia/Shanghai.
 */
export { formatDateTime, formatDeadline, formatMinutes, formatRemaining } from '@linli/shared/rules';

/** 2500 → `2.5 公斤`. */
export function formatGrams(grams: number): string {
  return grams >= 1000 ? `${Number((grams / 1000).toFixed(2))} 公斤` : `${grams} 克`;
}

/** 0.875 → `87.5%`; null (nothing to count) → `—`. */
export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** 0.4 → `不到1小时`, 30.5 → `30.5 小时`, 50 → `2.1 天`; null → `—`. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return '不到1小时';
  return hours >= 48 ? `${Math.round((hours / 24) * 10) / 10} 天` : `${hours} 小时`;
}

/** `2026-11` → `2026年11月`. */
export function formatMonth(month: string): string {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}

/** `2026-11` plus `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
