/**
 * The one date-and-time formatter of pages and system texts: Shanghai wall
 * time, deadlines at midnight written as 24:00 of the day before, and the
 * time left (or overdue) in words, at the edges of each range.
 */
import { formatDateTime, formatDeadline, formatMinutes, formatRemaining, formatSpan, isPast } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import { time } from '../../functions/src/domain/messages/templates.js';
import * as appFormat from '../../miniprogram/src/lib/format.js';

const shanghai = (wall: string) => new Date(`${wall}+08:00`);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('a moment, in Shanghai time', () => {
  it('writes the Shanghai date and clock, with the year unless it is this year', () => {
    expect(formatDateTime('2026-12-01T23:08:00.000Z')).toBe('2026年12月2日 07:08');
    expect(formatDateTime('2026-12-01T23:08:00.000Z', { now: '2026-06-01T00:00:00.000Z' })).toBe('12月2日 07:08');
    // 31 December 20:00 UTC is already New Year's morning in Shanghai: a different year from "now" in 2026.
    expect(formatDateTime('2026-12-31T20:00:00.000Z', { now: '2026-12-31T10:00:00.000Z' })).toBe('2027年1月1日 04:00');
    expect(formatDateTime(new Date('2026-03-06T16:00:00.000Z'))).toBe('2026年3月7日 00:00');
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  it('is what the app, the system texts and WeChat’s time fields all use', () => {
    expect(appFormat.formatDateTime).toBe(formatDateTime);
    expect(appFormat.formatDeadline).toBe(formatDeadline);
    expect(appFormat.formatRemaining).toBe(formatRemaining);
    // WeChat's time field keeps a real clock, midnight included.
    expect(time('2026-12-03T16:00:00.000Z')).toBe('2026年12月4日 00:00');
    expect(time('2026-12-01T23:08:00.000Z')).toBe(formatDateTime('2026-12-01T23:08:00.000Z'));
  });
});

describe('a deadline', () => {
  it('writes Shanghai midnight as 24:00 of the day before, never 00:00 of the next', () => {
    expect(formatDeadline('2026-12-03T16:00:00.000Z')).toBe('2026年12月3日 24:00');
    expect(formatDeadline('2026-12-03T16:00:00.000Z', { now: shanghai('2026-12-02T07:08:00') })).toBe('12月3日 24:00');
    // Across a month and a year end; the year is the one of the day written.
    expect(formatDeadline(shanghai('2026-04-01T00:00:00'))).toBe('2026年3月31日 24:00');
    expect(formatDeadline(shanghai('2027-01-01T00:00:00'), { now: shanghai('2026-12-31T09:00:00') })).toBe(
      '12月31日 24:00',
    );
    expect(formatDeadline(shanghai('2027-01-01T00:00:00'), { now: shanghai('2027-01-01T09:00:00') })).toBe(
      '2026年12月31日 24:00',
    );
  });

  it('writes other minutes as they are, and drops seconds (never later than the real deadline)', () => {
    expect(formatDeadline(shanghai('2026-12-04T00:01:00'))).toBe('2026年12月4日 00:01');
    expect(formatDeadline(shanghai('2026-12-03T23:59:59'))).toBe('2026年12月3日 23:59');
    expect(formatDeadline(shanghai('2026-12-04T00:00:30'))).toBe('2026年12月3日 24:00');
    expect(formatDeadline(shanghai('2026-12-02T07:18:00'))).toBe('2026年12月2日 07:18');
  });
});

describe('the time left before a deadline', () => {
  const deadline = shanghai('2026-12-03T12:00:00');
  const ahead = (ms: number) => new Date(deadline.getTime() - ms);
  const late = (ms: number) => new Date(deadline.getTime() + ms);

  it('says 还剩 before and 已超时 after, at the deadline itself already overdue', () => {
    expect(formatRemaining(deadline, ahead(3 * HOUR))).toBe('还剩 3 小时');
    expect(formatRemaining(deadline, late(2 * HOUR))).toBe('已超时 2 小时');
    expect(formatRemaining(deadline, deadline)).toBe('已超时不到 1 分钟');
    expect(isPast(deadline, deadline)).toBe(true);
    expect(isPast(deadline, ahead(1))).toBe(false);
    expect(formatRemaining(deadline.toISOString(), ahead(30 * 1000).toISOString())).toBe('还剩不到 1 分钟');
  });

  it.each([
    [59 * 1000, '不到 1 分钟'],
    [MINUTE, '1 分钟'],
    [HOUR - 1, '59 分钟'],
    [HOUR, '1 小时'],
    [HOUR + 50 * MINUTE, '1 小时 50 分钟'],
    [3 * HOUR - 1, '2 小时 59 分钟'],
    [3 * HOUR + 59 * MINUTE, '3 小时'],
    [DAY - 1, '23 小时'],
    [DAY, '1 天'],
    [DAY + 5 * HOUR, '1 天 5 小时'],
    [3 * DAY - 1, '2 天 23 小时'],
    [3 * DAY + 23 * HOUR, '3 天'],
    [15 * DAY, '15 天'],
  ])('cuts %d ms down to “%s” (never rounds a promise up)', (ms, words) => {
    expect(formatSpan(ms)).toBe(words);
    expect(formatRemaining(deadline, ahead(ms))).toBe(`还剩${words.startsWith('不到') ? '' : ' '}${words}`);
  });

  it('counts across Shanghai midnight like any other hour', () => {
    expect(formatRemaining(shanghai('2026-12-04T00:00:00'), shanghai('2026-12-03T22:30:00'))).toBe(
      '还剩 1 小时 30 分钟',
    );
    expect(formatRemaining(shanghai('2026-12-04T00:00:00'), shanghai('2026-12-04T00:10:00'))).toBe('已超时 10 分钟');
  });
});

describe('a setting in minutes', () => {
  it.each([
    [10, '10 分钟'],
    [59, '59 分钟'],
    [60, '1 小时'],
    [90, '1 小时 30 分钟'],
    [120, '2 小时'],
    [1440, '1 天'],
    [1500, '25 小时'],
    [2880, '2 天'],
  ])('%d → %s', (minutes, words) => {
    expect(formatMinutes(minutes)).toBe(words);
  });
});
