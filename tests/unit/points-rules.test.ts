import {
  activityInstants,
  activityPhase,
  checkinOpen,
  defaultCommunitySettings,
  describeWindow,
  type ExchangeDay,
  earnedByResident,
  expiringPoints,
  expiringYear,
  expiryInput,
  nextExchangeWindow,
  openExchangeWindow,
  rankLeaderboard,
  shanghaiYear,
} from '@linli/shared';
import { describe, expect, it } from 'vitest';

const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

describe('the exchange window, in Shanghai time', () => {
  const allDay: ExchangeDay = { mode: 'daily', dayOfMonth: 1, opensAt: '00:00', closesAt: '24:00' };
  const sixth: ExchangeDay = { mode: 'monthly', dayOfMonth: 6, opensAt: '08:30', closesAt: '24:00' };

  it('stays open until midnight when it closes at 24:00, and not a second longer', () => {
    expect(openExchangeWindow(sixth, at('2026-03-06T23:59:59'))).toEqual({
      opensAt: '2026-03-06T00:30:00.000Z',
      closesAt: '2026-03-06T16:00:00.000Z',
    });
    expect(openExchangeWindow(sixth, at('2026-03-07T00:00:00'))).toBeNull();
    expect(openExchangeWindow(sixth, at('2026-03-06T08:29:59'))).toBeNull();
    expect(openExchangeWindow(sixth, at('2026-03-06T08:30:00'))).not.toBeNull();
  });

  it('takes the Shanghai date, not the UTC one, at the 00:00 and 23:59 edges', () => {
    // 2026-03-05T16:00Z is already the 6th in Shanghai; 15:59:59Z is still the 5th.
    const early: ExchangeDay = { mode: 'monthly', dayOfMonth: 6, opensAt: '00:00', closesAt: '08:00' };
    expect(openExchangeWindow(early, new Date('2026-03-05T16:00:00Z'))).not.toBeNull();
    expect(openExchangeWindow(early, new Date('2026-03-05T15:59:59Z'))).toBeNull();
  });

  it('rolls an all-day daily window over at midnight, across a month end and a year end', () => {
    expect(openExchangeWindow(allDay, at('2026-01-31T23:59:59'))?.closesAt).toBe('2026-01-31T16:00:00.000Z');
    expect(openExchangeWindow(allDay, at('2026-02-01T00:00:00'))).toEqual({
      opensAt: '2026-01-31T16:00:00.000Z',
      closesAt: '2026-02-01T16:00:00.000Z',
    });
    expect(openExchangeWindow(allDay, at('2026-12-31T23:59:59'))?.closesAt).toBe('2026-12-31T16:00:00.000Z');
    expect(openExchangeWindow(allDay, at('2027-01-01T00:00:00'))?.opensAt).toBe('2026-12-31T16:00:00.000Z');
  });

  it('finds the next monthly window across a month end, and the open one while it is open', () => {
    const day28: ExchangeDay = { mode: 'monthly', dayOfMonth: 28, opensAt: '09:00', closesAt: '24:00' };
    expect(nextExchangeWindow(day28, at('2026-01-31T12:00:00')).opensAt).toBe('2026-02-28T01:00:00.000Z');
    expect(nextExchangeWindow(day28, at('2026-02-28T23:59:00')).closesAt).toBe('2026-02-28T16:00:00.000Z');
    expect(nextExchangeWindow(day28, at('2026-03-01T00:00:00')).opensAt).toBe('2026-03-28T01:00:00.000Z');
    expect(nextExchangeWindow(sixth, at('2026-12-07T00:00:00')).opensAt).toBe('2027-01-06T00:30:00.000Z');
  });

  it('describes a window open until midnight as ending at 24:00', () => {
    expect(describeWindow(nextExchangeWindow(sixth, at('2026-03-01T10:00:00')))).toBe('3月6日 08:30–24:00');
    const usual = defaultCommunitySettings().exchangeDay;
    expect(describeWindow(nextExchangeWindow(usual, at('2026-03-01T10:00:00')))).toBe('3月6日 08:30–17:00');
  });
});

describe('points expiry: what is left of the year before last, first in first out', () => {
  it('expires on 1 January (Shanghai) the year before last', () => {
    expect(expiringYear(at('2026-01-01T00:00:00'))).toBe(2024);
    expect(expiringYear(at('2025-12-31T23:59:59'))).toBe(2023);
    expect(shanghaiYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
  });

  it('writes off only what the balance still holds of that year', () => {
    // Nothing spent: all of it.
    expect(expiringPoints({ balance: 300, receivedInYear: 100, receivedAfter: 200 })).toBe(100);
    // 100 earned in 2024, 100 spent in 2025, 100 earned in 2025: the 2024 points are gone already, the 2025 ones stay.
    expect(expiringPoints({ balance: 100, receivedInYear: 100, receivedAfter: 100 })).toBe(0);
    // Part spent: what is left of the year.
    expect(expiringPoints({ balance: 150, receivedInYear: 100, receivedAfter: 80 })).toBe(70);
    // Older points still held (expiry switched on late) do not make a year expire more than it brought.
    expect(expiringPoints({ balance: 500, receivedInYear: 100, receivedAfter: 0 })).toBe(100);
    expect(expiringPoints({ balance: 0, receivedInYear: 100, receivedAfter: 0 })).toBe(0);
  });

  it('sums receipts by Shanghai year: 23:59:59 on 31 December is still that year', () => {
    const entries = [
      { at: '2023-12-31T15:59:59.000Z', points: 7 }, // 2023 in Shanghai: before the year
      { at: '2023-12-31T16:00:00.000Z', points: 10 }, // 2024-01-01 00:00 Shanghai
      { at: '2024-06-01T00:00:00.000Z', points: -5 }, // spending is not a receipt
      { at: '2024-12-31T15:59:59.000Z', points: 20 }, // 2024-12-31 23:59:59 Shanghai
      { at: '2024-12-31T16:00:00.000Z', points: 30 }, // 2025
      { at: '2025-12-31T16:00:00.000Z', points: -12 }, // last year's expiry
    ];
    expect(expiryInput(60, entries, 2024)).toEqual({ balance: 60, receivedInYear: 30, receivedAfter: 30 });
    expect(expiringPoints(expiryInput(60, entries, 2024))).toBe(30);
  });
});

describe('the leaderboard', () => {
  const optIns = [
    { userId: 'u1', displayName: '阿强' },
    { userId: 'u2', displayName: '小王' },
    { userId: 'u3', displayName: '白云' },
    { userId: 'u4', displayName: '老李' },
    { userId: 'u5', displayName: '零分' },
  ];

  it('counts points earned (recycling and volunteering), not refunds, adjustments or spending', () => {
    const earned = earnedByResident([
      { userId: 'u1', type: 'earn_recycling', points: 30 },
      { userId: 'u1', type: 'earn_volunteer', points: 20 },
      { userId: 'u1', type: 'redeem', points: -40 },
      { userId: 'u1', type: 'refund', points: 40 },
      { userId: 'u1', type: 'adjust', points: 100 },
      { userId: 'u2', type: 'earn_recycling', points: 5 },
    ]);
    expect(Object.fromEntries(earned)).toEqual({ u1: 50, u2: 5 });
  });

  it('ranks opted-in residents by points; equal points share a rank; nobody with 0; nobody who did not opt in', () => {
    const earned = new Map([
      ['u1', 50],
      ['u2', 80],
      ['u3', 50],
      ['u4', 10],
      ['u9', 999],
    ]);
    expect(rankLeaderboard(earned, optIns, 10)).toEqual([
      { rank: 1, userId: 'u2', displayName: '小王', points: 80 },
      { rank: 2, userId: 'u1', displayName: '阿强', points: 50 },
      { rank: 2, userId: 'u3', displayName: '白云', points: 50 },
      { rank: 4, userId: 'u4', displayName: '老李', points: 10 },
    ]);
    expect(rankLeaderboard(earned, optIns, 2).map((r) => r.userId)).toEqual(['u2', 'u1']);
    expect(rankLeaderboard(new Map(), optIns, 10)).toEqual([]);
  });
});

describe('volunteer activity times', () => {
  it('turns a Shanghai date and clock times into instants, 24:00 being the next midnight', () => {
    expect(activityInstants('2026-03-31', '20:00', '24:00')).toEqual({
      startsAt: '2026-03-31T12:00:00.000Z',
      endsAt: '2026-03-31T16:00:00.000Z',
    });
  });

  it('opens check-in an hour before the start and closes it an hour after the end', () => {
    const a = activityInstants('2026-03-07', '09:00', '11:00');
    expect(activityPhase(a, at('2026-03-07T08:59:59'))).toBe('upcoming');
    expect(activityPhase(a, at('2026-03-07T09:00:00'))).toBe('ongoing');
    expect(activityPhase(a, at('2026-03-07T11:00:00'))).toBe('ended');
    expect(checkinOpen(a, at('2026-03-07T07:59:59'))).toBe(false);
    expect(checkinOpen(a, at('2026-03-07T08:00:00'))).toBe(true);
    expect(checkinOpen(a, at('2026-03-07T11:59:59'))).toBe(true);
    expect(checkinOpen(a, at('2026-03-07T12:00:00'))).toBe(false);
  });
});
