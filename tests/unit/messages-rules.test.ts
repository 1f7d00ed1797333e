import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../functions/src/data/feedback.js';
import type { FeedbackNotice } from '../../functions/src/domain/feedback/messages.js';
import { phrase, TEMPLATE_KEYWORDS, thing, time } from '../../functions/src/domain/messages/templates.js';
import { findInvalidSubscribeField } from '../../infra/local/wechat-stand-in.js';
import { localEnv } from './local-env.js';

localEnv();
const { feedbackMessages } = await import('../../functions/src/domain/feedback/messages.js');
const { backoff, deliveryOrder, entryOf } = await import('../../functions/src/domain/messages/outbox.js');

const REPORT: ReportRecord = {
  reportId: 'r1',
  communityId: 'chunhui',
  category: 'flying_wire',
  categoryLabel: '飞线充电（电动车从窗口拉线充电，存在严重火灾隐患）',
  description: '3幢北侧有人从窗口拉电线给电动车充电',
  photos: [],
  location: {
    estateId: 'e1',
    buildingId: 'b3',
    unit: 2,
    detail: '北侧',
    address: '春晖苑 3幢 2单元 北侧非机动车棚旁边的空地',
  },
  gridId: 'g1',
  channel: 'app',
  anonymous: false,
  reporterId: 'u-resident',
  reporterName: '王秀英',
  reporterPhone: null,
  status: 'resolved',
  urgency: 'urgent',
  repair: null,
  respondBy: '2026-12-02T02:10:00.000Z',
  respondKind: 'on_site',
  resolveBy: '2026-12-02T03:00:00.000Z',
  overdue: false,
  breaches: 0,
  nextCheckAt: null,
  escalated: false,
  assignee: { kind: 'grid_worker', userId: 'u-grid', name: '张丽' },
  supporterIds: [],
  rating: null,
  resolution: null,
  createdAt: '2026-12-02T01:00:00.000Z',
  acceptedAt: '2026-12-02T02:00:00.000Z',
  respondedAt: null,
  resolvedAt: null,
  closedAt: null,
  version: 3,
};

const members = {
  users: {
    listMembers: async () => [
      {
        userId: 'u-grid',
        communityId: 'chunhui',
        roles: ['grid_worker' as const],
        gridIds: ['g1'],
        stationIds: [],
        name: '张丽',
      },
      {
        userId: 'u-admin',
        communityId: 'chunhui',
        roles: ['admin' as const],
        gridIds: [],
        stationIds: [],
        name: '赵建华',
      },
      {
        userId: 'u-prop',
        communityId: 'chunhui',
        roles: ['property_staff' as const],
        gridIds: [],
        stationIds: [],
        name: '陈志强',
      },
    ],
  },
  // The grid-workers item of g1, as the membership above keeps it.
  communities: { gridWorkers: async (_c: string, gridId: string) => (gridId === 'g1' ? ['u-grid'] : []) },
};

describe('WeChat template data fits what WeChat accepts', () => {
  it('cuts thing to 20 characters, keeps phrase to 5 Chinese characters, writes time as WeChat reads it', () => {
    expect([...thing('一'.repeat(30))]).toHaveLength(20);
    expect(thing('  ')).toBe('—');
    expect(phrase('已受理 ok')).toBe('已受理');
    expect(phrase('待居民确认处理结果')).toBe('待居民确认');
    expect(time('2026-12-01T23:08:00.000Z')).toBe('2026年12月2日 07:08');
  });

  it.each<FeedbackNotice>([
    'submitted',
    'accepted',
    'dispatched',
    'resolved',
    'replied',
    'rejected',
    'reopened',
    'reminder',
    'escalated',
  ])('gives every %s message data with exactly its template’s keywords, each within its limit', async (notice) => {
    const drafts = await feedbackMessages(
      members as never,
      REPORT,
      notice,
      '2026-12-02T02:30:00.000Z',
      '已经安排电工把线拆掉了，并提醒住户使用充电桩',
      null,
    );
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) {
      if (!d.push) throw new Error('a feedback message without push data');
      expect(Object.keys(d.push.data).sort()).toEqual([...TEMPLATE_KEYWORDS[d.push.template]].sort());
      const wrapped = Object.fromEntries(Object.entries(d.push.data).map(([k, value]) => [k, { value }]));
      expect(findInvalidSubscribeField(wrapped)).toBeNull();
    }
  });
});

describe('who hears of a change', () => {
  it('tells the resident of 办结 with the highest priority, and never tells people of their own action', async () => {
    const resolved = await feedbackMessages(members as never, REPORT, 'resolved', REPORT.createdAt, '已拆除', 'u-grid');
    expect(resolved.map((d) => [d.userId, d.push?.template, d.push?.priority])).toEqual([
      ['u-resident', 'feedback_resolved', 3],
    ]);
    const accepted = await feedbackMessages(members as never, REPORT, 'accepted', REPORT.createdAt, null, 'u-grid');
    expect(accepted[0]?.push?.priority).toBeLessThan(3);
    const reopenedByResident = await feedbackMessages(
      members as never,
      { ...REPORT, status: 'accepted', assignee: null },
      'reopened',
      REPORT.createdAt,
      '还是有人拉线',
      'u-resident',
    );
    expect(reopenedByResident.map((d) => d.userId)).toEqual(['u-grid']);
    const escalated = await feedbackMessages(members as never, REPORT, 'escalated', REPORT.createdAt, null, null);
    expect(escalated.map((d) => [d.userId, d.kind])).toEqual([['u-admin', 'feedback_escalated']]);
  });

  it('tells the committee its own deadline (社区办结时限), not the grid’s it went up past', async () => {
    const up: ReportRecord = {
      ...REPORT,
      status: 'accepted',
      escalated: true,
      breaches: 2,
      assignee: { kind: 'committee', name: '春晖社区党委' },
      committeeBy: '2026-12-08T10:00:00.000Z',
    };
    const [task] = await feedbackMessages(members as never, up, 'escalated', '2026-12-02T04:00:00.000Z', null, null);
    expect(task?.title).toBe('反映已上报社区');
    expect(task?.body).toContain('社区办结时限 12月8日 18:00 前。已上报社区，请协调。');
    expect(task?.body).not.toContain('办结期限');
    expect(task?.push?.data.time2).toBe('2026年12月8日 18:00');
  });

  it('reminds the grid’s workers to accept a report nobody accepted in time, with its acceptance deadline', async () => {
    // Prepare: an urgent report in grid g1, arrived 09:00 Shanghai, to be accepted by 09:10, not accepted
    const waiting: ReportRecord = {
      ...REPORT,
      status: 'submitted',
      acceptBy: '2026-12-02T01:10:00.000Z',
      acceptedAt: null,
      respondBy: null,
      respondKind: null,
      resolveBy: null,
      assignee: null,
      overdue: true,
      breaches: 1,
    };
    // Act
    const drafts = await feedbackMessages(
      members as never,
      waiting,
      'reminder',
      '2026-12-02T01:11:00.000Z',
      null,
      null,
    );
    // Assess: to the grid worker only, said as an acceptance reminder, the deadline as every page writes it
    expect(drafts.map((d) => [d.userId, d.kind, d.title])).toEqual([['u-grid', 'feedback_overdue', '反映超时未受理']]);
    expect(drafts[0]?.body).toContain('受理期限 12月2日 09:10 前。超时未受理，请尽快受理。');
    expect(drafts[0]?.push?.data).toMatchObject({ time2: '2026年12月2日 09:10', thing3: '超时未受理，请尽快受理' });
    // An accepted report's reminder is the usual one, about its fix deadline
    const late = await feedbackMessages(
      members as never,
      { ...REPORT, status: 'accepted' },
      'reminder',
      REPORT.createdAt,
      null,
      null,
    );
    expect(late.map((d) => d.title)).toEqual(['反映已超时']);
    expect(late[0]?.body).toContain('办结期限 12月2日 11:00 前');
  });

  it('writes a deadline at midnight as 24:00 of the day before in text, and as a real clock in WeChat’s time field', async () => {
    const repair = { ...REPORT, status: 'accepted' as const, resolveBy: '2026-12-03T16:00:00.000Z' };
    const [toResident] = await feedbackMessages(
      members as never,
      repair,
      'accepted',
      '2026-12-02T02:00:00.000Z',
      null,
      'u-grid',
    );
    expect(toResident?.body).toContain('预计 12月3日 24:00 前办结');
    expect(toResident?.push?.data.thing4).toBe('预计12月3日 24:00前办结');
    const [task] = await feedbackMessages(
      members as never,
      repair,
      'dispatched',
      '2026-12-02T02:00:00.000Z',
      null,
      null,
    ).then((d) => d.filter((m) => m.kind === 'feedback_task'));
    expect(task?.body).toContain('办结期限 12月3日 24:00 前');
    expect(task?.push?.data.time2).toBe('2026年12月4日 00:00');
  });
});

describe('the outbox', () => {
  it('backs off 30 s, 2 min, 8 min… and recognises its own entries only', () => {
    const now = new Date('2026-12-02T00:00:00.000Z');
    expect([1, 2, 3].map((n) => (backoff(n, now).getTime() - now.getTime()) / 1000)).toEqual([120, 480, 1920]);
    expect(backoff(0, now).getTime() - now.getTime()).toBe(30_000);
    expect(entryOf({ outbox: 'message', userId: 'u', messageId: 'm', push: { priority: 3 } })).toEqual({
      outbox: 'message',
      userId: 'u',
      messageId: 'm',
      template: '',
      priority: 3,
    });
    expect(entryOf({ outbox: 'photo_check', photoKey: 'photos/c/feedback/2026-12/a.jpg' })).toEqual({
      outbox: 'photo_check',
      photoKey: 'photos/c/feedback/2026-12/a.jpg',
    });
    expect(entryOf({ pk: 'USER#u', sk: 'PROFILE' })).toBeUndefined();
  });
});

describe('the order of delivery', () => {
  const message = (messageId: string, template: string, priority: number, userId = 'u1') =>
    ({ outbox: 'message', userId, messageId, template, priority }) as const;

  it('is oldest first, but a scarce consent goes to the higher priority of one person and template', () => {
    const accepted = message('0001', 'feedback_accepted', 1);
    const dispatched = message('0002', 'feedback_accepted', 1);
    const resolved = message('0003', 'feedback_resolved', 3);
    const reminder = message('0004', 'feedback_task', 1, 'u2');
    const dispatchTask = message('0005', 'feedback_task', 2, 'u2');
    const photo = { outbox: 'photo_check', photoKey: '0000-photo' } as const;
    expect(deliveryOrder([resolved, dispatchTask, accepted, photo, reminder, dispatched])).toEqual([
      photo,
      accepted,
      dispatched,
      resolved,
      dispatchTask,
      reminder,
    ]);
  });
});
