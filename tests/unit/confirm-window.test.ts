/**
 * The follow-up window of a resolved report in Asia/Shanghai days: when the
 * reporter is reminded to confirm, when it closes as 系统自动确认, and what
 * the follow-up sweep does to one report at the edges of both.
 */
import { confirmWindow, DEFAULT_CONFIRM_DAYS, defaultCommunitySettings, formatDeadline } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../functions/src/data/feedback.js';
import { localEnv } from './local-env.js';

localEnv();
const { confirmStep } = await import('../../functions/src/domain/feedback/confirm-sweep.js');

const shanghai = (wall: string) => new Date(`${wall}+08:00`);
const MINUTE = 60_000;

describe('the confirmation window, in Shanghai days', () => {
  it('is 7 days unless the community sets another', () => {
    expect(DEFAULT_CONFIRM_DAYS).toBe(7);
    expect(defaultCommunitySettings().followUp).toEqual({ confirmDays: 7 });
  });

  it('resolved Monday 23:59: reminded Saturday (day 5) 09:00, closed the next Monday at 24:00', () => {
    const w = confirmWindow(shanghai('2026-03-02T23:59:00'), 7);
    expect(w).toEqual({ remindAt: '2026-03-07T01:00:00.000Z', confirmBy: '2026-03-09T16:00:00.000Z' });
    expect(formatDeadline(w.remindAt)).toBe('2026年3月7日 09:00');
    expect(formatDeadline(w.confirmBy)).toBe('2026年3月9日 24:00');
  });

  it('resolved a minute later, Tuesday 00:00: everything moves a whole day', () => {
    const w = confirmWindow(shanghai('2026-03-03T00:00:00'), 7);
    expect(w).toEqual({ remindAt: '2026-03-08T01:00:00.000Z', confirmBy: '2026-03-10T16:00:00.000Z' });
  });

  it('counts Shanghai days, not UTC ones: 07:59 and 08:00 Shanghai are the same Shanghai day', () => {
    // 2026-03-02T23:59Z is already 3 March 07:59 in Shanghai.
    const early = confirmWindow(new Date('2026-03-02T23:59:00.000Z'), 7);
    const late = confirmWindow(new Date('2026-03-03T00:00:00.000Z'), 7);
    expect(early).toEqual(late);
    expect(early.confirmBy).toBe('2026-03-10T16:00:00.000Z');
  });

  it('never reminds before the resolution: 1 and 2 days remind on day 1 at 09:00', () => {
    const resolved = shanghai('2026-03-02T15:00:00');
    expect(confirmWindow(resolved, 1)).toEqual({
      remindAt: '2026-03-03T01:00:00.000Z',
      confirmBy: '2026-03-03T16:00:00.000Z',
    });
    expect(confirmWindow(resolved, 2)).toEqual({
      remindAt: '2026-03-03T01:00:00.000Z',
      confirmBy: '2026-03-04T16:00:00.000Z',
    });
    expect(confirmWindow(resolved, 3).remindAt).toBe('2026-03-03T01:00:00.000Z');
    expect(confirmWindow(resolved, 30)).toEqual({
      remindAt: '2026-03-30T01:00:00.000Z',
      confirmBy: '2026-04-01T16:00:00.000Z',
    });
  });
});

const RESOLVED_AT = shanghai('2026-03-02T23:59:00');
const WINDOW = confirmWindow(RESOLVED_AT, 7);

function resolved(over: Partial<ReportRecord> = {}): ReportRecord {
  return {
    reportId: 'r1',
    communityId: 'c1',
    category: 'manhole',
    categoryLabel: '井盖破损',
    description: '井盖松动，踩上去会翻',
    photos: [],
    location: { estateId: 'e1', buildingId: 'b1', unit: null, detail: '', address: '春晖苑 3幢' },
    gridId: 'g1',
    channel: 'hotline',
    anonymous: false,
    reporterId: null,
    reporterName: '刘大爷',
    reporterPhone: null,
    status: 'resolved',
    urgency: 'routine',
    repair: 'small',
    respondBy: null,
    respondKind: null,
    resolveBy: '2026-03-03T16:00:00.000Z',
    overdue: false,
    breaches: 0,
    nextCheckAt: WINDOW.remindAt,
    confirmBy: WINDOW.confirmBy,
    escalated: false,
    assignee: { kind: 'grid_worker', userId: 'gw', name: '张丽' },
    supporterIds: [],
    rating: null,
    resolution: { note: '已更换井盖', photos: [] },
    createdAt: '2026-03-02T01:50:00.000Z',
    acceptedAt: '2026-03-02T02:00:00.000Z',
    respondedAt: null,
    resolvedAt: RESOLVED_AT.toISOString(),
    closedAt: null,
    version: 5,
    ...over,
  };
}

describe('the follow-up sweep’s step on one resolved report', () => {
  it('does nothing a minute before the reminder', () => {
    expect(confirmStep(resolved(), new Date(Date.parse(WINDOW.remindAt) - MINUTE))).toBeUndefined();
  });

  it('reminds at 09:00 on day 5 and next looks at the close itself', () => {
    const step = confirmStep(resolved(), new Date(WINDOW.remindAt));
    expect(step?.notice).toBe('confirm_reminder');
    expect(step?.after).toMatchObject({ status: 'resolved', nextCheckAt: WINDOW.confirmBy, closedAt: null });
    expect(step?.event).toMatchObject({
      kind: 'confirm_reminded',
      actorRole: 'system',
      visibility: 'public',
      text: '已提醒居民确认处理结果；3月9日 24:00 前未确认将系统自动确认',
      statusAfter: 'resolved',
    });
  });

  it('does nothing more after the reminder until a minute before the close', () => {
    const reminded = resolved({ nextCheckAt: WINDOW.confirmBy });
    expect(confirmStep(reminded, new Date(Date.parse(WINDOW.confirmBy) - MINUTE))).toBeUndefined();
  });

  it('closes at 24:00 of day 7 as 系统自动确认, without a rating', () => {
    const at = new Date(WINDOW.confirmBy);
    const step = confirmStep(resolved({ nextCheckAt: WINDOW.confirmBy }), at);
    expect(step?.notice).toBe('auto_confirmed');
    expect(step?.after).toMatchObject({
      status: 'closed',
      closure: 'auto',
      rating: null,
      closedAt: at.toISOString(),
      nextCheckAt: null,
    });
    expect(step?.event).toMatchObject({
      kind: 'auto_confirmed',
      text: '居民在 3月9日 24:00 前未确认，系统自动确认办结（无评价）',
      statusAfter: 'closed',
    });
  });

  it('closes without reminding when the sweep first comes after the close (a missed tick)', () => {
    const step = confirmStep(resolved(), new Date(Date.parse(WINDOW.confirmBy) + MINUTE));
    expect(step?.notice).toBe('auto_confirmed');
  });

  it('leaves alone what is no longer resolved, and reports resolved before the rule', () => {
    const later = new Date(Date.parse(WINDOW.confirmBy) + MINUTE);
    expect(confirmStep(resolved({ status: 'closed', closure: 'resident' }), later)).toBeUndefined();
    expect(confirmStep(resolved({ status: 'accepted' }), later)).toBeUndefined();
    expect(confirmStep(resolved({ confirmBy: undefined }), later)).toBeUndefined();
  });
});
