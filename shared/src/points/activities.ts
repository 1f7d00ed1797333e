/** Volunteer activities, pure: when one happens and when its check-in is open. Business time is Asia/Shanghai. */
import { startOfShanghaiDay } from '../time.js';

/** Check-in opens an hour before the start and closes an hour after the end. */
export const CHECKIN_OPENS_BEFORE_MINUTES = 60;
export const CHECKIN_CLOSES_AFTER_MINUTES = 60;

export type ActivityPhase = 'upcoming' | 'ongoing' | 'ended';
export const ACTIVITY_PHASE_LABELS: Record<ActivityPhase, string> = {
  upcoming: '未开始',
  ongoing: '进行中',
  ended: '已结束',
};

/** The instant of a Shanghai wall-clock time (`HH:MM`, `24:00` = the next midnight) on a Shanghai date. */
export function shanghaiInstant(date: string, clock: string): Date {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return new Date(startOfShanghaiDay(date).getTime() + (h * 60 + m) * 60_000);
}

/** Start and end of an activity held on `date` from `startTime` to `endTime`, as UTC ISO instants. */
export function activityInstants(date: string, startTime: string, endTime: string) {
  return {
    startsAt: shanghaiInstant(date, startTime).toISOString(),
    endsAt: shanghaiInstant(date, endTime).toISOString(),
  };
}

export function activityPhase(a: { startsAt: string; endsAt: string }, now: Date): ActivityPhase {
  const iso = now.toISOString();
  return iso < a.startsAt ? 'upcoming' : iso < a.endsAt ? 'ongoing' : 'ended';
}

/** `[opens, closes)` of the check-in around an activity. */
export function checkinWindow(a: { startsAt: string; endsAt: string }) {
  return {
    opensAt: new Date(Date.parse(a.startsAt) - CHECKIN_OPENS_BEFORE_MINUTES * 60_000).toISOString(),
    closesAt: new Date(Date.parse(a.endsAt) + CHECKIN_CLOSES_AFTER_MINUTES * 60_000).toISOString(),
  };
}

export function checkinOpen(a: { startsAt: string; endsAt: string }, now: Date): boolean {
  const w = checkinWindow(a);
  const iso = now.toISOString();
  return iso >= w.opensAt && iso < w.closesAt;
}
