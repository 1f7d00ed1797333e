/**
 * Business time is Asia/Shanghai (UTC+8 all year, no daylight saving);
 * storage is UTC ISO-8601. These helpers convert between the two.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Shanghai calendar date of an instant, as `YYYY-MM-DD`. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai month of an instant, as `YYYY-MM`. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDate(at).slice(0, 7);
}

/** The instant a Shanghai calendar day (`YYYY-MM-DD`) begins. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

/** Midnight (Shanghai) that ends the `days`-th day after the day of `at`: "within 1 day" of a 23:59 acceptance is the next day's end. */
export function endOfShanghaiDayAfter(at: Date, days: number): Date {
  return new Date(startOfShanghaiDay(shanghaiDate(at)).getTime() + (days + 1) * DAY_MS);
}

/** `[from, to)` instants of a Shanghai month `YYYY-MM`. */
export function shanghaiMonthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: startOfShanghaiDay(`${month}-01`), to: startOfShanghaiDay(`${next}-01`) };
}

/** Shanghai wall-clock `HH:MM` of an instant. */
export function shanghaiClock(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}
