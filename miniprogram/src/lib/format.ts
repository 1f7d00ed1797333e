/** Display formats. Business time is Asia/Shanghai (UTC+8, no daylight saving). */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-23T06:05:00Z` → `2026年11月23日 14:05`. */
export function formatDateTime(iso: string): string {
  const t = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  if (Number.isNaN(t.getTime())) return iso;
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** 10 → `10 分钟`, 60 → `1 小时`, 1440 → `1 天`, 90 → `1 小时 30 分钟`. */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} 天`;
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`;
}

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
