/**
 * The "1715" promise as deadlines (Asia/Shanghai business days), which one
 * the sweep watches next, and what the sweep does when one is missed.
 */
import {
  acceptDeadline,
  deadlinesFor,
  defaultCommunitySettings,
  formatDeadline,
  pendingDeadlines,
  type SlaPolicy,
  servicePromises,
} from '@linli/shared';
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../functions/src/data/feedback.js';
import { localEnv } from './local-env.js';

localEnv();
const { committeeDeadline, nextCheck, secondDeadline, toCommittee } = await import(
  '../../functions/src/domain/feedback/escalation.js'
);
const { sweepStep } = await import('../../functions/src/domain/feedback/sweep.js');

const SLA: SlaPolicy = defaultCommunitySettings().sla;
const shanghai = (wall: string) => new Date(`${wall}+08:00`);

describe('the acceptance deadline, from the moment a report arrives', () => {
  it('gives urgent reports 10 minutes, routine ones 2 hours and complex ones a day, by default', () => {
    const arrived = shanghai('2026-03-06T10:00:00');
    expect(acceptDeadline(arrived, 'urgent', SLA)).toBe('2026-03-06T02:10:00.000Z');
    expect(acceptDeadline(arrived, 'routine', SLA)).toBe('2026-03-06T04:00:00.000Z');
    expect(acceptDeadline(arrived, 'complex', SLA)).toBe('2026-03-07T02:00:00.000Z');
  });

  it('runs through Shanghai midnight: 23:50 is due at 24:00, 23:55 at 00:05 the next day', () => {
    const justBefore = acceptDeadline(shanghai('2026-03-06T23:50:00'), 'urgent', SLA);
    const justAfter = acceptDeadline(shanghai('2026-03-06T23:55:00'), 'urgent', SLA);
    expect(justBefore).toBe('2026-03-06T16:00:00.000Z');
    expect(formatDeadline(justBefore)).toBe('2026年3月6日 24:00');
    expect(justAfter).toBe('2026-03-06T16:05:00.000Z');
    expect(formatDeadline(justAfter)).toBe('2026年3月7日 00:05');
    // Arriving a minute after midnight, a routine report is due at 02:01 that same Shanghai day.
    expect(formatDeadline(acceptDeadline(shanghai('2026-03-07T00:01:00'), 'routine', SLA))).toBe('2026年3月7日 02:01');
  });

  it('keeps the Shanghai day across the UTC day boundary (07:55 Shanghai is 23:55 UTC the day before)', () => {
    const arrived = new Date('2026-03-05T23:55:00.000Z');
    const due = acceptDeadline(arrived, 'urgent', SLA);
    expect(due).toBe('2026-03-06T00:05:00.000Z'); // a new UTC day…
    expect(formatDeadline(due)).toBe('2026年3月6日 08:05'); // …the same Shanghai morning
    // A complex report at 23:59 Shanghai: 24 hours, to 23:59 the next day (a duration, not a calendar day).
    expect(formatDeadline(acceptDeadline(shanghai('2026-03-31T23:59:00'), 'complex', SLA))).toBe('2026年4月1日 23:59');
  });

  it('follows a community’s own acceptance minutes', () => {
    const own = { ...SLA, acceptMinutes: { urgent: 5, routine: 30, complex: 600 } };
    const arrived = shanghai('2026-03-06T10:00:00');
    expect(acceptDeadline(arrived, 'urgent', own)).toBe('2026-03-06T02:05:00.000Z');
    expect(acceptDeadline(arrived, 'routine', own)).toBe('2026-03-06T02:30:00.000Z');
    expect(acceptDeadline(arrived, 'complex', own)).toBe('2026-03-06T12:00:00.000Z');
  });
});

describe('the promise on the 意见箱 tab says what the deadlines are', () => {
  const promise = (label: string) => servicePromises(SLA).find((p) => p.label.startsWith(label))?.value;

  it('promises acceptance, on site, a fix without repair, a plan, and each repair size in words', () => {
    expect(servicePromises(SLA)).toEqual([
      { label: '紧急问题，受理', value: '提交后 10 分钟内' },
      { label: '一般问题，受理', value: '提交后 2 小时内' },
      { label: '复杂问题，受理', value: '提交后 1 天内' },
      { label: '紧急问题，工作人员到场', value: '受理后 10 分钟内' },
      { label: '不需维修的紧急、一般问题，解决', value: '受理后 1 小时内' },
      { label: '复杂问题，给出解决方案', value: '受理后 1 天内' },
      { label: '小修，修好', value: '受理次日 24:00 前' },
      { label: '中修，修好', value: '受理后第 7 天 24:00 前' },
      { label: '大修（复杂问题未定规模的也按大修），修好', value: '受理后第 15 天 24:00 前' },
    ]);
  });

  it('matches deadlinesFor for a routine small repair: the end of the next day, not an hour', () => {
    // Prepare: accepted 2 December 07:08 (the case of the issue)
    const accepted = shanghai('2026-12-02T07:08:00');
    // Act
    const d = deadlinesFor(accepted, 'routine', 'small', SLA);
    // Assess: due at the end of 3 December, said as 24:00, just as the tab promises
    expect(formatDeadline(d.resolveBy)).toBe('2026年12月3日 24:00');
    expect(promise('小修')).toBe('受理次日 24:00 前');
    // Without a repair the hour applies
    expect(deadlinesFor(accepted, 'routine', null, SLA).resolveBy).toBe(
      new Date(accepted.getTime() + 60 * 60_000).toISOString(),
    );
    expect(promise('不需维修')).toBe('受理后 1 小时内');
  });

  it('follows the community’s settings', () => {
    const own = {
      ...SLA,
      acceptMinutes: { ...SLA.acceptMinutes, routine: 90 },
      repairDays: { small: 2, medium: 7, major: 15 },
    };
    const lines = servicePromises(own);
    expect(lines.find((l) => l.label === '一般问题，受理')?.value).toBe('提交后 1 小时 30 分钟内');
    expect(lines.find((l) => l.label === '小修，修好')?.value).toBe('受理后第 2 天 24:00 前');
    expect(deadlinesFor(shanghai('2026-03-06T10:00:00'), 'routine', 'small', own).resolveBy).toBe(
      '2026-03-08T16:00:00.000Z',
    );
  });
});

describe('the deadlines still to meet', () => {
  const none = {
    acceptBy: null,
    acceptedAt: null,
    respondBy: null,
    respondKind: null,
    respondedAt: null,
    resolveBy: null,
  };

  it('is acceptance while nobody accepted, then on site and the fix, then nothing once done', () => {
    const acceptBy = '2026-03-06T02:10:00.000Z';
    expect(pendingDeadlines({ ...none, status: 'submitted', acceptBy })).toEqual([{ kind: 'accept', at: acceptBy }]);
    const working = {
      ...none,
      status: 'accepted' as const,
      acceptBy,
      acceptedAt: '2026-03-06T02:00:00.000Z',
      respondBy: '2026-03-06T02:10:00.000Z',
      respondKind: 'on_site' as const,
      resolveBy: '2026-03-07T16:00:00.000Z',
    };
    expect(pendingDeadlines(working).map((d) => d.kind)).toEqual(['on_site', 'resolve']);
    expect(
      pendingDeadlines({ ...working, status: 'in_progress', respondedAt: '2026-03-06T02:05:00.000Z' }).map(
        (d) => d.kind,
      ),
    ).toEqual(['resolve']);
    expect(pendingDeadlines({ ...working, status: 'resolved' })).toEqual([]);
    expect(pendingDeadlines({ ...none, status: 'rejected', acceptBy })).toEqual([]);
  });
});

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
  const acceptBy = '2026-03-06T02:00:00.000Z';
  const respondBy = '2026-03-06T02:10:00.000Z';
  const resolveBy = '2026-03-07T16:00:00.000Z';
  const acceptedAt = '2026-03-06T01:55:00.000Z';
  const open = { acceptBy, acceptedAt, escalated: false };

  it('is the acceptance deadline until someone accepts', () => {
    expect(nextCheck({ ...open, acceptedAt: null, respondBy: null, resolveBy: null, respondedAt: null })).toBe(
      acceptBy,
    );
    // A report filed before the rule has no acceptance deadline: nothing to watch until it is accepted.
    expect(
      nextCheck({
        ...open,
        acceptBy: undefined,
        acceptedAt: null,
        respondBy: null,
        resolveBy: null,
        respondedAt: null,
      }),
    ).toBeNull();
  });

  it('is the on-site (or plan) deadline until someone is there, then the fix', () => {
    expect(nextCheck({ ...open, respondBy, resolveBy, respondedAt: null })).toBe(respondBy);
    expect(nextCheck({ ...open, respondBy, resolveBy, respondedAt: '2026-03-06T02:05:00.000Z' })).toBe(resolveBy);
    expect(nextCheck({ ...open, respondBy: null, resolveBy, respondedAt: null })).toBe(resolveBy);
    expect(nextCheck({ ...open, respondBy: null, resolveBy: null, respondedAt: null })).toBeNull();
  });

  it('is nothing once the report went to the community committee', () => {
    expect(nextCheck({ ...open, respondBy, resolveBy, respondedAt: null, escalated: true })).toBeNull();
    expect(
      nextCheck({ ...open, acceptedAt: null, respondBy: null, resolveBy: null, respondedAt: null, escalated: true }),
    ).toBeNull();
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
    const r = { acceptedAt: ACCEPTED, createdAt: '2026-03-06T01:50:00.000Z' };
    expect(secondDeadline(r, '2026-03-06T02:10:00.000Z', now)).toBe('2026-03-06T03:10:00.000Z');
    expect(secondDeadline(r, '2026-03-06T03:00:00.000Z', now)).toBe('2026-03-06T04:00:00.000Z');
    expect(secondDeadline(r, '2026-03-06T02:02:00.000Z', now)).toBe('2026-03-06T03:10:00.000Z');
    // Not accepted: the window is the acceptance one, from arrival (2 hours for a routine report).
    expect(secondDeadline({ ...r, acceptedAt: null }, '2026-03-06T03:50:00.000Z', now)).toBe(
      '2026-03-06T05:00:00.000Z',
    );
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
    expect(step?.events[0]?.text).toBe('未在 3月6日 10:10 前到达现场');
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
    // Midnight is the end of the day before, as every page writes it.
    expect(after?.events[0]?.text).toBe('未在 3月7日 24:00 前办结');
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

  it('leaves an escalated report alone where no street is above the community', () => {
    const twice = accepted({ breaches: 2, escalated: true, nextCheckAt: '2026-03-06T02:21:00.000Z' });
    expect(sweepStep(twice, '春晖社区', new Date('2026-03-08T00:00:00.000Z'))).toBeUndefined();
  });

  it('with a street above, gives the committee a deadline of its own and then blows the whistle (吹哨)', () => {
    const street = { streetId: 'changhe', name: '长河街道' };
    const once = accepted({ overdue: true, breaches: 1, nextCheckAt: '2026-03-06T02:21:00.000Z' });
    const escalated = sweepStep(once, '春晖社区', new Date('2026-03-06T02:22:00.000Z'), street);
    // As long again as the window it missed (10:21 − 10:00 acceptance, at least 10 minutes), from the sweep.
    expect(escalated?.after).toMatchObject({ escalated: true, breaches: 2, nextCheckAt: '2026-03-06T02:43:00.000Z' });
    expect(escalated?.events[0]?.text).toBe('催办后仍超时，已上报春晖社区党委；3月6日 10:43 前仍未办结将上报长河街道');
    const committee = escalated?.after as NonNullable<typeof escalated>['after'];
    expect(sweepStep(committee, '春晖社区', new Date('2026-03-06T02:42:59.000Z'), street)).toBeUndefined();
    const whistled = sweepStep(committee, '春晖社区', new Date('2026-03-06T02:43:00.000Z'), street);
    expect(whistled?.notice).toBe('whistled');
    expect(whistled?.after).toMatchObject({
      assignee: { kind: 'street', streetId: 'changhe', name: '长河街道' },
      streetEscalatedAt: '2026-03-06T02:43:00.000Z',
      escalatedStreetId: 'changhe',
      breaches: 3,
      nextCheckAt: null,
    });
    expect(whistled?.events.map((e) => [e.kind, e.visibility, e.text])).toEqual([
      ['auto_whistled', 'public', '社区协调后仍未办结，已吹哨上报长河街道'],
    ]);
    // Once on the street's desk, nothing more to raise.
    expect(
      sweepStep(whistled?.after as typeof committee, '春晖社区', new Date('2026-03-09T00:00:00.000Z'), street),
    ).toBeUndefined();
  });
});

describe('the sweep on a report nobody accepted', () => {
  // Arrived 10:00 Shanghai, urgent: to be accepted by 10:10.
  const waiting = (over: Partial<ReportRecord> = {}) =>
    accepted({
      status: 'submitted',
      createdAt: '2026-03-06T02:00:00.000Z',
      acceptBy: '2026-03-06T02:10:00.000Z',
      acceptedAt: null,
      respondBy: null,
      respondKind: null,
      resolveBy: null,
      nextCheckAt: '2026-03-06T02:10:00.000Z',
      version: 1,
      ...over,
    });

  it('does nothing a moment before the acceptance deadline', () => {
    expect(sweepStep(waiting(), '春晖社区', new Date('2026-03-06T02:09:59.999Z'))).toBeUndefined();
  });

  it('marks it overdue at the deadline, says 未在…前受理, and reminds the grid to accept', () => {
    // Act
    const step = sweepStep(waiting(), '春晖社区', new Date('2026-03-06T02:10:00.000Z'));
    // Assess
    expect(step?.notice).toBe('reminder');
    expect(step?.after).toMatchObject({
      status: 'submitted',
      overdue: true,
      breaches: 1,
      escalated: false,
      // as long again as the missed window (10 minutes from arrival)
      nextCheckAt: '2026-03-06T02:20:00.000Z',
    });
    expect(step?.events.map((e) => [e.kind, e.visibility, e.text])).toEqual([
      ['overdue', 'public', '未在 3月6日 10:10 前受理'],
      ['reminded', 'internal', '已提醒网格员尽快受理；3月6日 10:20 前仍未受理将上报社区'],
    ]);
  });

  it('escalates the second breach to the committee, saying it was still not accepted', () => {
    const once = waiting({ overdue: true, breaches: 1, nextCheckAt: '2026-03-06T02:20:00.000Z' });
    const step = sweepStep(once, '春晖社区', new Date('2026-03-06T02:20:01.000Z'));
    expect(step?.notice).toBe('escalated');
    expect(step?.after).toMatchObject({
      status: 'submitted',
      escalated: true,
      breaches: 2,
      nextCheckAt: null,
      assignee: { kind: 'committee', name: '春晖社区党委' },
    });
    expect(step?.events.map((e) => [e.kind, e.text])).toEqual([
      ['auto_escalated', '催办后仍未受理，已上报春晖社区党委'],
    ]);
  });

  it('writes a deadline at Shanghai midnight as 24:00 of the day before', () => {
    const late = waiting({
      createdAt: '2026-03-06T15:50:00.000Z',
      acceptBy: '2026-03-06T16:00:00.000Z',
      nextCheckAt: '2026-03-06T16:00:00.000Z',
    });
    const step = sweepStep(late, '春晖社区', new Date('2026-03-06T16:00:30.000Z'));
    expect(step?.events[0]?.text).toBe('未在 3月6日 24:00 前受理');
  });
});

describe('going up to the committee (toCommittee), by the sweep or by hand', () => {
  const street = { streetId: 'changhe', name: '长河街道' };
  const community = { name: '春晖社区', sla: SLA };

  it('by hand, gives the committee as long again as the pending deadline, and with a street the sweep whistles then', () => {
    // Accepted 10:00, on site by 10:10: sent up at 10:05, the committee has 10 minutes from then.
    const up = toCommittee(accepted(), community, new Date('2026-03-06T02:05:00.000Z'), street);
    expect(up).toMatchObject({
      escalated: true,
      assignee: { kind: 'committee', name: '春晖社区党委' },
      breaches: 2,
      overdue: false,
      committeeBy: '2026-03-06T02:15:00.000Z',
      nextCheckAt: '2026-03-06T02:15:00.000Z',
    });
    expect(sweepStep(up, '春晖社区', new Date('2026-03-06T02:14:59.000Z'), street)).toBeUndefined();
    const whistled = sweepStep(up, '春晖社区', new Date('2026-03-06T02:15:00.000Z'), street);
    expect(whistled?.notice).toBe('whistled');
    expect(whistled?.after).toMatchObject({ assignee: { kind: 'street', streetId: 'changhe' }, nextCheckAt: null });
  });

  it('by hand without a street, sets the committee’s deadline and leaves nothing for the sweep', () => {
    const up = toCommittee(accepted(), community, new Date('2026-03-06T02:05:00.000Z'));
    expect(up).toMatchObject({ committeeBy: '2026-03-06T02:15:00.000Z', nextCheckAt: null, breaches: 2 });
    expect(sweepStep(up, '春晖社区', new Date('2026-03-08T00:00:00.000Z'))).toBeUndefined();
  });

  it('by hand after a reminder, counts the second deadline’s window; with none pending, the community’s fix deadline', () => {
    const reminded = accepted({ overdue: true, breaches: 1, nextCheckAt: '2026-03-06T02:21:00.000Z' });
    // 10:21 − 10:00 = 21 minutes, from 10:15.
    const now = new Date('2026-03-06T02:15:00.000Z');
    expect(toCommittee(reminded, community, now, street)).toMatchObject({
      committeeBy: '2026-03-06T02:36:00.000Z',
      overdue: true,
    });
    // A report with no deadline left to meet: what the community gives to fix one of its urgency, from now.
    const bare = accepted({ repair: null, respondBy: null, respondKind: null, resolveBy: null, nextCheckAt: null });
    expect(toCommittee(bare, community, now).committeeBy).toBe(deadlinesFor(now, 'urgent', null, SLA).resolveBy);
    expect(committeeDeadline(bare, now)).toBe('2026-03-06T02:25:00.000Z');
  });

  it('swept on the second breach, gives the committee its deadline with or without a street', () => {
    const once = accepted({ overdue: true, breaches: 1, nextCheckAt: '2026-03-06T02:21:00.000Z' });
    const now = new Date('2026-03-06T02:22:00.000Z');
    expect(sweepStep(once, '春晖社区', now, street)?.after).toMatchObject({
      committeeBy: '2026-03-06T02:43:00.000Z',
      nextCheckAt: '2026-03-06T02:43:00.000Z',
    });
    expect(sweepStep(once, '春晖社区', now)?.after).toMatchObject({
      committeeBy: '2026-03-06T02:43:00.000Z',
      nextCheckAt: null,
    });
    // The same rule as by hand.
    expect(toCommittee(once, { name: '春晖社区' }, now, street)).toEqual(
      sweepStep(once, '春晖社区', now, street)?.after,
    );
  });
});
