/**
 * The "1715" promise as deadlines (Asia/Shanghai business days), which one
 * the sweep watches next, and what the sweep does when one is missed.
 */
import { deadlinesFor, defaultCommunitySettings, type SlaPolicy } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../functions/src/data/feedback.js';
import { localEnv } from './local-env.js';

localEnv();
const { nextCheck } = await import('../../functions/src/domain/feedback/act.js');
const { secondDeadline, sweepStep } = await import('../../functions/src/domain/feedback/sweep.js');

const SLA: SlaPolicy = defaultCommunitySettings().sla;
const shanghai = (wall: string) => new Date(`${wall}+08:00`);

describe('deadlines from the moment a report is accepted', () => {
  const accepted = shanghai('2026-03-06T10:00:00');

  it('gives urgent problems 10 minutes to be on site and routine ones an hour to be fixed', () => {
    expect(deadlinesFor(accepted, 'urgent', null, SLA)).toEqual({
      respondBy: '2026-03-06T02:10:00.000Z',
      respondKind: 'on_site',
      resolveBy: '2026-03-06T03:00:00.000Z',
    });
    expect(deadlinesFor(accepted, 'routine', null, SLA)).toEqual({
      respondBy: null,
      respondKind: null,
      resolveBy: '2026-03-06T03:00:00.000Z',
    });
  });

  it('gives complex problems a day for a plan, and the repair size (major when none) for the fix', () => {
    expect(deadlinesFor(accepted, 'complex', 'medium', SLA)).toEqual({
      respondBy: '2026-03-07T02:00:00.000Z',
      respondKind: 'plan',
      // 7 days: the end of 13 March in Shanghai.
      resolveBy: '2026-03-13T16:00:00.000Z',
    });
    expect(deadlinesFor(accepted, 'complex', null, SLA).resolveBy).toBe('2026-03-21T16:00:00.000Z');
  });

  it('counts repairs of 1, 7 and 15 days to the end of a Shanghai day', () => {
    const by = (size: 'small' | 'medium' | 'major') => deadlinesFor(accepted, 'routine', size, SLA).resolveBy;
    expect(by('small')).toBe('2026-03-07T16:00:00.000Z');
    expect(by('medium')).toBe('2026-03-13T16:00:00.000Z');
    expect(by('major')).toBe('2026-03-21T16:00:00.000Z');
    // An urgent repair still has 10 minutes to be on site.
    expect(deadlinesFor(accepted, 'urgent', 'small', SLA)).toMatchObject({
      respondBy: '2026-03-06T02:10:00.000Z',
      resolveBy: '2026-03-07T16:00:00.000Z',
    });
  });

  it('gives an acceptance at 23:59 a day less than one at 00:00 a minute later', () => {
    const late = deadlinesFor(shanghai('2026-03-06T23:59:00'), 'routine', 'small', SLA);
    const early = deadlinesFor(shanghai('2026-03-07T00:00:00'), 'routine', 'small', SLA);
    expect(late.resolveBy).toBe('2026-03-07T16:00:00.000Z'); // the end of 7 March
    expect(early.resolveBy).toBe('2026-03-08T16:00:00.000Z'); // the end of 8 March
  });

  it('runs across a month end and a short February', () => {
    expect(deadlinesFor(shanghai('2026-03-31T23:59:00'), 'routine', 'small', SLA).resolveBy).toBe(
      '2026-04-01T16:00:00.000Z',
    );
    expect(deadlinesFor(shanghai('2026-04-30T21:00:00'), 'routine', 'medium', SLA).resolveBy).toBe(
      '2026-05-07T16:00:00.000Z',
    );
    expect(deadlinesFor(shanghai('2026-02-28T12:00:00'), 'routine', 'small', SLA).resolveBy).toBe(
      '2026-03-01T16:00:00.000Z',
    );
    // Late on 31 March UTC is already 1 April in Shanghai.
    expect(deadlinesFor(new Date('2026-03-31T16:30:00Z'), 'routine', 'small', SLA).resolveBy).toBe(
      '2026-04-02T16:00:00.000Z',
    );
  });

  it('follows a community’s own promise', () => {
    const own = {
      ...SLA,
      urgentOnSiteMinutes: 30,
      routineFixMinutes: 120,
      repairDays: { small: 2, medium: 7, major: 15 },
    };
    expect(deadlinesFor(accepted, 'urgent', null, own)).toMatchObject({
      respondBy: '2026-03-06T02:30:00.000Z',
      resolveBy: '2026-03-06T04:00:00.000Z',
    });
    expect(deadlinesFor(accepted, 'routine', 'small', own).resolveBy).toBe('2026-03-08T16:00:00.000Z');
  });
});

describe('the deadline the sweep watches next', () => {
  const respondBy = '2026-03-06T02:10:00.000Z';
  const resolveBy = '2026-03-07T16:00:00.000Z';

  it('is the on-site (or plan) deadline until someone is there, then the fix', () => {
    expect(nextCheck({ respondBy, resolveBy, respondedAt: null, escalated: false })).toBe(respondBy);
    expect(nextCheck({ respondBy, resolveBy, respondedAt: '2026-03-06T02:05:00.000Z', escalated: false })).toBe(
      resolveBy,
    );
    expect(nextCheck({ respondBy: null, resolveBy, respondedAt: null, escalated: false })).toBe(resolveBy);
    expect(nextCheck({ respondBy: null, resolveBy: null, respondedAt: null, escalated: false })).toBeNull();
  });

  it('is nothing once the report went to the community committee', () => {
    expect(nextCheck({ respondBy, resolveBy, respondedAt: null, escalated: true })).toBeNull();
  });
});

const ACCEPTED = '2026-03-06T02:00:00.000Z';

function accepted(over: Partial<ReportRecord> = {}): ReportRecord {
  return {
    reportId: 'r1',
    communityId: 'c1',
    category: 'manhole',
    categoryLabel: '井盖破损',
    description: '井盖松动，踩上去会翻',
    photos: [],
    location: { estateId: 'e1', buildingId: 'b1', unit: null, detail: '', address: '春晖苑 3幢' },
    gridId: 'g1',
    channel: 'app',
    anonymous: false,
    reporterId: 'u1',
    reporterName: '王秀英',
    reporterPhone: null,
    status: 'accepted',
    urgency: 'urgent',
    repair: 'small',
    respondBy: '2026-03-06T02:10:00.000Z',
    respondKind: 'on_site',
    resolveBy: '2026-03-07T16:00:00.000Z',
    overdue: false,
    breaches: 0,
    nextCheckAt: '2026-03-06T02:10:00.000Z',
    escalated: false,
    assignee: null,
    supporterIds: [],
    rating: null,
    resolution: null,
    createdAt: '2026-03-06T01:50:00.000Z',
    acceptedAt: ACCEPTED,
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    version: 3,
    ...over,
  };
}

describe('the sweep’s step on a due report', () => {
  it('gives a second deadline as long as the missed window, at least 10 minutes', () => {
    const now = new Date('2026-03-06T03:00:00.000Z');
    expect(secondDeadline({ acceptedAt: ACCEPTED }, '2026-03-06T02:10:00.000Z', now)).toBe('2026-03-06T03:10:00.000Z');
    expect(secondDeadline({ acceptedAt: ACCEPTED }, '2026-03-06T03:00:00.000Z', now)).toBe('2026-03-06T04:00:00.000Z');
    expect(secondDeadline({ acceptedAt: ACCEPTED }, '2026-03-06T02:02:00.000Z', now)).toBe('2026-03-06T03:10:00.000Z');
    expect(secondDeadline({ acceptedAt: null }, '2026-03-06T02:10:00.000Z', now)).toBe('2026-03-06T03:10:00.000Z');
  });

  it('does nothing before the deadline', () => {
    expect(sweepStep(accepted(), '春晖社区', new Date('2026-03-06T02:09:59.999Z'))).toBeUndefined();
  });

  it('marks the first breach overdue, reminds, and sets the second deadline', () => {
    // Act
    const step = sweepStep(accepted(), '春晖社区', new Date('2026-03-06T02:11:00.000Z'));
    // Assess
    expect(step?.notice).toBe('reminder');
    expect(step?.after).toMatchObject({
      overdue: true,
      breaches: 1,
      nextCheckAt: '2026-03-06T02:21:00.000Z',
      status: 'accepted',
      escalated: false,
      version: 3,
    });
    expect(step?.events.map((e) => [e.kind, e.visibility, e.actorName, e.actorRole])).toEqual([
      ['overdue', 'public', '系统', 'system'],
      ['reminded', 'internal', '系统', 'system'],
    ]);
    expect(step?.events[0]?.text).toBe('未在 2026-03-06 10:10 前到达现场');
    const ids = step?.events.map((e) => e.eventId) ?? [];
    expect([...ids].sort()).toEqual(ids);
  });

  it('still finds a report that was on site in time but is past its fix deadline', () => {
    const onSite = accepted({
      status: 'in_progress',
      respondedAt: '2026-03-06T02:05:00.000Z',
      nextCheckAt: '2026-03-07T16:00:00.000Z',
    });
    const before = sweepStep(onSite, '春晖社区', new Date('2026-03-07T15:59:00.000Z'));
    const after = sweepStep(onSite, '春晖社区', new Date('2026-03-07T16:01:00.000Z'));
    expect(before).toBeUndefined();
    expect(after?.events[0]?.text).toBe('未在 2026-03-08 00:00 前办结');
    expect(after?.after.breaches).toBe(1);
  });

  it('escalates the second breach to the community’s party committee and stops watching', () => {
    const once = accepted({ overdue: true, breaches: 1, nextCheckAt: '2026-03-06T02:21:00.000Z' });
    const step = sweepStep(once, '春晖社区', new Date('2026-03-06T02:22:00.000Z'));
    expect(step?.notice).toBe('escalated');
    expect(step?.after).toMatchObject({
      escalated: true,
      assignee: { kind: 'committee', name: '春晖社区党委' },
      breaches: 2,
      nextCheckAt: null,
    });
    expect(step?.events.map((e) => [e.kind, e.visibility])).toEqual([['auto_escalated', 'public']]);
  });

  it('leaves an escalated report alone', () => {
    const twice = accepted({ breaches: 2, escalated: true, nextCheckAt: '2026-03-06T02:21:00.000Z' });
    expect(sweepStep(twice, '春晖社区', new Date('2026-03-08T00:00:00.000Z'))).toBeUndefined();
  });
});
