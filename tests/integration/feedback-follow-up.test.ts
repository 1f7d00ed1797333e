/**
 * Follow-up and closing through the API, with the local-only sweep route as
 * the clock (only the follow-up sweep runs here): the reporter of a resolved
 * report is reminded once at 09:00 of day 5, and at 24:00 of day 7 it closes
 * as 系统自动确认, once; what the resident answered meanwhile is left alone;
 * the community's window is honoured; staff record a 回访 for residents
 * without the app; the figures count the three kinds of closing apart.
 */

import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { confirmWindow, shanghaiMonth } from '@linli/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { call, newKey, signIn } from '../support/api.js';
import { eventually, settled } from '../support/eventually.js';
import { newResident } from '../support/residents.js';
import { consent, messagesOf, openidFor, settledOutbox } from '../support/wechat.js';

const C = '/v1/communities/chunhui';
const MINUTE = 60_000;
const LOCATION = { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '楼道口' };

async function act(persona: string, reportId: string, body: Record<string, unknown>) {
  const res = await call('POST', `${C}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    idempotencyKey: newKey(),
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Accepted, sent to the grid worker and resolved by her: the report waits for confirmation. */
async function resolve(reportId: string) {
  await act('grid-zhang', reportId, { action: 'accept' });
  await act('grid-zhang', reportId, { action: 'dispatch', target: { kind: 'grid_worker', userId: 'demo-grid-zhang' } });
  return (await act('grid-zhang', reportId, { action: 'resolve', note: '已更换楼道灯泡' })).report;
}

/** A resolved report 王秀英 filed in the app. */
async function resolvedOnline(description: string) {
  const res = await call('POST', `${C}/feedback`, {
    token: await signIn('resident-wang'),
    idempotencyKey: newKey(),
    body: { category: 'other', description, photos: [], location: LOCATION },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return resolve(res.body.reportId);
}

/** A resolved report the grid worker entered for someone without the app (热线). */
async function resolvedOffline(description: string) {
  const res = await call('POST', `${C}/feedback/offline`, {
    token: await signIn('grid-zhang'),
    idempotencyKey: newKey(),
    body: { category: 'other', description, location: LOCATION, channel: 'hotline', reporterName: '热线：刘大爷' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return resolve(res.body.reportId);
}

async function detail(reportId: string, persona = 'grid-zhang') {
  const res = await call('GET', `${C}/feedback/${reportId}`, { token: await signIn(persona) });
  expect(res.status).toBe(200);
  return res.body as {
    report: Record<string, unknown>;
    events: { eventId: string; kind: string; text: string | null; actor: { name: string; role: string } }[];
  };
}

const kinds = async (reportId: string) => (await detail(reportId)).events.map((e) => e.kind);

/** Runs the follow-up sweep alone as if it were `at`. */
async function sweep(at: string | number) {
  const res = await call('POST', '/v1/dev/sweeps', {
    body: { now: new Date(at).toISOString(), sweeps: ['feedback-follow-up'] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.results).toEqual([{ name: 'feedback-follow-up', changed: expect.any(Number) }]);
}

/** 王秀英's messages about one report, oldest first. */
const titlesOf = async (reportId: string) =>
  (await messagesOf('resident-wang')).items
    .filter((m) => m.link?.includes(`reportId=${reportId}`))
    .map((m) => m.title)
    .reverse();

const RESOLVED_TITLES = ['您的反映已受理', '您的反映已派单', '您的反映已办结，请确认'];

async function setConfirmDays(confirmDays: number) {
  const token = await signIn('admin-chunhui');
  const { version } = (await call('GET', C, { token })).body.settings;
  const res = await call('PUT', `${C}/settings`, { token, body: { version, followUp: { confirmDays } } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

afterAll(async () => {
  // The window goes back to the default whatever happened above.
  await setConfirmDays(7);
});

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

describe('a report resolved before confirmation windows existed', () => {
  it('is given its window once, from the day the sweep first runs, and then closes like any other', async () => {
    // Prepare: a resolved report made to look as it was stored before: no window, in no sweep's queue,
    // and the community not yet looked through
    const table = createTable({
      tableName: inject('tableName'),
      region: 'cn-north-1',
      endpoint: inject('dynamoEndpoint'),
    });
    const resolved = await resolvedOnline('2幢门口的减速带松了，车过时哐哐响');
    const id = resolved.reportId as string;
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: `COMM#chunhui#FB#${id}`, sk: 'REPORT' },
        UpdateExpression: 'SET nextCheckAt = :none REMOVE confirmBy, gsi5pk, gsi5sk',
        ExpressionAttributeValues: { ':none': null },
      }),
    );
    await table.doc.send(
      new DeleteCommand({ TableName: table.tableName, Key: { pk: 'FBFOLLOW#chunhui#BACKFILL', sk: 'DONE' } }),
    );
    expect((await detail(id)).report.confirmBy).toBeNull();
    const firstRun = new Date(Date.parse(resolved.resolvedAt) + 30 * 24 * 60 * MINUTE);
    const window = confirmWindow(firstRun, 7);

    // Act: the sweep's first run after the upgrade, then again a minute later
    await sweep(firstRun.getTime());
    await sweep(firstRun.getTime() + MINUTE);

    // Assess: one window, counted from that run, said on the timeline; it has not closed at once
    const given = await detail(id, 'resident-wang');
    expect(given.events.map((e) => e.kind)).toEqual(['submitted', 'accept', 'dispatch', 'resolve', 'confirm_window']);
    expect(given.events.at(-1)).toMatchObject({ actor: { name: '系统', role: 'system' } });
    expect(given.events.at(-1)?.text).toContain('前未确认将系统自动确认');
    expect(given.report).toMatchObject({ status: 'resolved', confirmBy: window.confirmBy });

    // Act: the window's reminder and close
    await sweep(window.remindAt);
    await sweep(window.confirmBy);
    // Assess
    expect(await kinds(id)).toEqual([
      'submitted',
      'accept',
      'dispatch',
      'resolve',
      'confirm_window',
      'confirm_reminded',
      'auto_confirmed',
    ]);
    expect((await detail(id)).report).toMatchObject({ status: 'closed', closure: 'auto', closedAt: window.confirmBy });
  });
});

describe('an unconfirmed resolved report is reminded, then closes by itself', () => {
  it('reminds at 09:00 of day 5 exactly once, closes at 24:00 of day 7 exactly once, without a rating', async () => {
    // Prepare
    const resolved = await resolvedOnline('3幢2单元楼道灯坏了一个星期');
    const id = resolved.reportId as string;
    const window = confirmWindow(new Date(resolved.resolvedAt), 7);
    expect(resolved.confirmBy).toBe(window.confirmBy);
    const before = await kinds(id);
    expect(before).toEqual(['submitted', 'accept', 'dispatch', 'resolve']);

    // Act 1: a minute before the reminder
    await sweep(Date.parse(window.remindAt) - MINUTE);
    // Assess 1: nothing
    expect(await kinds(id)).toEqual(before);
    expect(await titlesOf(id)).toEqual(RESOLVED_TITLES);

    // Act 2: the reminder's minute, twice
    await sweep(window.remindAt);
    await sweep(window.remindAt);
    // Assess 2: one reminder in the timeline and in 消息, the report still waits
    const reminded = await detail(id);
    expect(reminded.events.map((e) => e.kind)).toEqual([...before, 'confirm_reminded']);
    expect(reminded.events.at(-1)).toMatchObject({ actor: { name: '系统', role: 'system' } });
    expect(reminded.report).toMatchObject({ status: 'resolved', confirmBy: window.confirmBy, closure: null });
    expect(await titlesOf(id)).toEqual([...RESOLVED_TITLES, '请确认反映的处理结果']);

    // Act 3: a minute before the close
    await sweep(Date.parse(window.confirmBy) - MINUTE);
    expect(await kinds(id)).toEqual([...before, 'confirm_reminded']);

    // Act 4: the close, then twice more
    await sweep(window.confirmBy);
    await sweep(window.confirmBy);
    await sweep(Date.parse(window.confirmBy) + 60 * MINUTE);
    // Assess 4: closed once, by the system, with no rating; the reporter sees 系统自动确认 and is told
    const closed = await detail(id, 'resident-wang');
    expect(closed.events.map((e) => e.kind)).toEqual([...before, 'confirm_reminded', 'auto_confirmed']);
    expect(closed.events.at(-1)).toMatchObject({ actor: { name: '系统', role: 'system' } });
    expect(closed.report).toMatchObject({
      status: 'closed',
      statusLabel: '已办结',
      closure: 'auto',
      rating: null,
      closedAt: window.confirmBy,
      confirmBy: null,
      allowedActions: [],
    });
    expect(await titlesOf(id)).toEqual([...RESOLVED_TITLES, '请确认反映的处理结果', '您的反映已自动确认办结']);
  });

  it('sends the reminder through WeChat on the 办结 template when the resident has a consent left', async () => {
    // Prepare: a new resident tapped 订阅 on 办结 twice; the resolution spends one
    const resident = await newResident();
    expect(await consent(resident, ['feedback_resolved'])).toMatchObject({ feedback_resolved: 1 });
    expect(await consent(resident, ['feedback_resolved'])).toMatchObject({ feedback_resolved: 2 });
    const filed = await call('POST', `${C}/feedback`, {
      token: resident.token,
      idempotencyKey: newKey(),
      body: {
        category: 'other',
        description: '1幢门口的信报箱门掉了',
        photos: [],
        location: { ...LOCATION, buildingId: 'chy-b1', unit: 1 },
      },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const resolved = await resolve(filed.body.reportId);
    const window = confirmWindow(new Date(resolved.resolvedAt), 7);
    // Act
    await sweep(window.remindAt);
    await sweep(window.confirmBy);
    // Assess: 办结, then the reminder (待确认, the time it was resolved); the automatic close is in 消息 only
    const sent = await settledOutbox({ touser: openidFor(resident), page: `reportId=${resolved.reportId}` }, 2);
    expect(sent.map((m) => [m.template_id, m.data.phrase2?.value, m.data.thing4?.value])).toEqual([
      ['local-feedback-resolved', '待确认', '请查看处理结果并确认'],
      ['local-feedback-resolved', '待确认', '逾期未确认将自动确认'],
    ]);
    const titles = (await messagesOf(resident)).items
      .filter((m) => m.link?.includes(`reportId=${resolved.reportId}`))
      .map((m) => m.title);
    expect(titles.slice(0, 2)).toEqual(['您的反映已自动确认办结', '请确认反映的处理结果']);
  });

  it('leaves alone a report its resident confirmed or reopened before the close', async () => {
    // Prepare
    const confirmed = await resolvedOnline('单元门禁刷卡没有反应');
    const reopened = await resolvedOnline('垃圾房门口污水没有清理');
    await act('resident-wang', confirmed.reportId, { action: 'confirm', rating: 5 });
    await act('resident-wang', reopened.reportId, { action: 'reopen', reason: '今天又有污水了' });
    const confirmedKinds = await kinds(confirmed.reportId);
    const reopenedKinds = await kinds(reopened.reportId);
    // Act: past both reminders and closes
    await sweep(Date.parse(confirmWindow(new Date(reopened.resolvedAt), 7).confirmBy) + MINUTE);
    // Assess
    expect(await kinds(confirmed.reportId)).toEqual(confirmedKinds);
    expect(await kinds(reopened.reportId)).toEqual(reopenedKinds);
    expect((await detail(confirmed.reportId)).report).toMatchObject({
      status: 'closed',
      closure: 'resident',
      rating: { score: 5, comment: '' },
    });
    expect((await detail(reopened.reportId)).report).toMatchObject({ status: 'accepted', confirmBy: null });
  });

  it('honours the window the community sets, and refuses one out of range naming the field', async () => {
    // Prepare: 3 days
    const settings = await setConfirmDays(3);
    expect(settings.followUp).toEqual({ confirmDays: 3 });
    const resolved = await resolvedOffline('热线反映：3幢门口路灯不亮');
    const window = confirmWindow(new Date(resolved.resolvedAt), 3);
    expect(resolved.confirmBy).toBe(window.confirmBy);
    // Act: a minute before the third day ends, then at its end
    await sweep(Date.parse(window.confirmBy) - MINUTE);
    const beforeClose = await kinds(resolved.reportId);
    await sweep(window.confirmBy);
    // Assess: reminded on day 1 (the offline reporter has no 消息, the timeline still says so), closed at the end of day 3
    expect(beforeClose).toEqual(['submitted', 'accept', 'dispatch', 'resolve', 'confirm_reminded']);
    expect(await kinds(resolved.reportId)).toEqual([...beforeClose, 'auto_confirmed']);

    // Act: 31 days
    const token = await signIn('admin-chunhui');
    const current = (await call('GET', C, { token })).body.settings;
    const refused = await call('PUT', `${C}/settings`, {
      token,
      body: { version: current.version, followUp: { confirmDays: 31 } },
    });
    // Assess: 400 naming the field, nothing saved
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { field: 'body.followUp.confirmDays', message: '自动确认期限须为 1–30 天的整数' },
    ]);
    expect((await call('GET', C, { token })).body.settings).toEqual(current);
  });
});

/** Records a 回访 on a report. */
const followUp = async (persona: string, reportId: string, body: unknown, idempotencyKey = newKey()) =>
  call('POST', `${C}/feedback/${reportId}/follow-ups`, { token: await signIn(persona), idempotencyKey, body });

describe('staff record a follow-up (回访) for the resident', () => {
  it('closes with the resident’s rating, entered by staff, when satisfied; a retry changes nothing', async () => {
    // Prepare
    const resolved = await resolvedOffline('热线反映：楼道里堆了很多纸箱');
    const key = newKey();
    const body = { channel: 'phone', verdict: 'satisfied', rating: 4 };
    // Act
    const res = await followUp('grid-zhang', resolved.reportId, body, key);
    const again = await followUp('grid-zhang', resolved.reportId, body, key);
    // Assess
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(again.status).toBe(200);
    expect(res.body.report).toMatchObject({
      status: 'closed',
      statusLabel: '已办结',
      closure: 'follow_up',
      rating: { score: 4, comment: '' },
      allowedActions: ['note', 'reply'],
    });
    const d = await detail(resolved.reportId);
    expect(d.events.map((e) => e.kind)).toEqual(['submitted', 'accept', 'dispatch', 'resolve', 'follow_up']);
    expect(d.events.at(-1)).toMatchObject({
      text: '电话回访：满意，4 星（代居民评价）',
      actor: { name: '张丽', role: 'grid_worker' },
    });
  });

  it('reopens with fresh deadlines when the resident is not satisfied', async () => {
    const resolved = await resolvedOffline('热线反映：单元门关不上');
    const res = await followUp('admin-chunhui', resolved.reportId, {
      channel: 'visit',
      verdict: 'unsatisfied',
      note: '门还是关不严',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.report).toMatchObject({ status: 'accepted', assignee: null, closure: null, rating: null });
    const d = await detail(resolved.reportId);
    expect(d.events.map((e) => e.kind)).toEqual([
      'submitted',
      'accept',
      'dispatch',
      'resolve',
      'follow_up',
      'reaccepted',
    ]);
    expect(d.events.at(-2)).toMatchObject({
      text: '上门回访：不满意，门还是关不严',
      actor: { name: '赵建华', role: 'admin' },
    });
  });

  it('refuses the wrong person, the wrong status and bad input, and writes nothing', async () => {
    // Prepare: a report the property company fixed (the grid worker sees it, but did not work on it)
    const filed = await call('POST', `${C}/feedback/offline`, {
      token: await signIn('grid-zhang'),
      idempotencyKey: newKey(),
      body: {
        category: 'other',
        description: '热线反映：小区东门地面塌陷',
        location: LOCATION,
        channel: 'visit',
        reporterName: '走访：孙大爷',
      },
    });
    const id = filed.body.reportId as string;
    await act('grid-zhang', id, { action: 'accept' });
    await act('grid-zhang', id, { action: 'dispatch', target: { kind: 'property' } });
    await act('property-chen', id, { action: 'resolve', note: '已回填夯实' });
    const before = (await detail(id)).events.map((e) => e.eventId);
    const satisfied = { channel: 'phone', verdict: 'satisfied', rating: 5 };
    // Act
    const gridWorker = await followUp('grid-zhang', id, satisfied);
    const resident = await followUp('resident-wang', id, satisfied);
    const noRating = await followUp('property-chen', id, { channel: 'phone', verdict: 'satisfied' });
    const badRating = await followUp('property-chen', id, { ...satisfied, rating: 6 });
    const badChannel = await followUp('property-chen', id, { ...satisfied, channel: 'sms' });
    const noReason = await followUp('property-chen', id, { channel: 'phone', verdict: 'unsatisfied' });
    const open = await call('POST', `${C}/feedback/offline`, {
      token: await signIn('grid-zhang'),
      idempotencyKey: newKey(),
      body: {
        category: 'other',
        description: '热线反映：电梯异响',
        location: LOCATION,
        channel: 'hotline',
        reporterName: '热线：陈阿姨',
      },
    });
    const notResolved = await followUp('grid-zhang', open.body.reportId, satisfied);
    // Assess
    expect([gridWorker.status, gridWorker.body.error.code]).toEqual([403, 'FEEDBACK_ACTION_FORBIDDEN']);
    expect(gridWorker.body.error.message).toBe('您不能对该反映进行“回访”');
    expect([resident.status, resident.body.error.code]).toEqual([403, 'ROLE_REQUIRED']);
    expect([notResolved.status, notResolved.body.error.code]).toEqual([409, 'FEEDBACK_WRONG_STATE']);
    expect(notResolved.body.error.message).toBe('该反映当前为“待受理”，不能回访');
    expect(noRating.status).toBe(400);
    expect(noRating.body.error.details).toEqual([
      { field: 'body.rating', message: '居民满意时请记下居民给的评分（1–5 分）' },
    ]);
    expect(badRating.status).toBe(400);
    expect(badRating.body.error.details).toEqual([{ field: 'body.rating', message: '评分为 1–5 分' }]);
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.error.details).toEqual([
      { field: 'body.channel', message: '回访方式须为 phone（电话）或 visit（上门）' },
    ]);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([
      { field: 'body.note', message: '请记下居民说哪里还没有解决（至少 2 个字）' },
    ]);
    const after = await detail(id, 'property-chen');
    expect(after.events.map((e) => e.eventId)).toEqual(before);
    expect(after.report).toMatchObject({ status: 'resolved', allowedActions: ['note', 'reply', 'follow_up'] });
    // The one who fixed it may: the same report closes through them
    const fixer = await followUp('property-chen', id, satisfied);
    expect([fixer.status, fixer.body.report.closure]).toEqual([200, 'follow_up']);
  });
});

describe('the figures count satisfaction by who gave it', () => {
  it('separates resident ratings, ratings at a follow-up and automatic closes', async () => {
    // Prepare: everything resolved earlier (this file's and others') is closed first, so only this test's reports move
    const far = Date.now() + 40 * 24 * 60 * MINUTE;
    await sweep(far);
    const month = shanghaiMonth(new Date());
    const token = await signIn('admin-chunhui');
    const figures = async () =>
      (await call('GET', `${C}/stats/feedback?from=${month}&to=${month}`, { token })).body.totals;
    const before = await settled(figures);
    const byResident = await resolvedOnline('楼顶水箱有异味');
    await act('resident-wang', byResident.reportId, { action: 'confirm', rating: 5 });
    const atFollowUp = await resolvedOffline('热线反映：晾衣架被风吹坏');
    expect(
      (await followUp('grid-zhang', atFollowUp.reportId, { channel: 'visit', verdict: 'satisfied', rating: 2 })).status,
    ).toBe(200);
    await resolvedOffline('热线反映：健身器材松动');
    // Act
    await sweep(far);
    // Assess: one of each
    let after = before;
    await eventually(async () => {
      after = await figures();
      const delta = (k: string) => after[k] - before[k];
      expect(['resolved', 'ratedByResident', 'ratedAtFollowUp', 'autoConfirmed'].map((k) => [k, delta(k)])).toEqual([
        ['resolved', 3],
        ['ratedByResident', 1],
        ['ratedAtFollowUp', 1],
        ['autoConfirmed', 1],
      ]);
    });
    const csv = await fetch(`${inject('apiUrl')}${C}/stats/feedback.csv?from=${month}&to=${month}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const [header, total] = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(header?.split(',').slice(-5)).toEqual([
      '居民评价数',
      '居民评价均分',
      '回访评价数',
      '回访评价均分',
      '自动确认数',
    ]);
    const cells = total?.split(',') ?? [];
    expect([cells.at(-5), cells.at(-3), cells.at(-1)]).toEqual(
      [after.ratedByResident, after.ratedAtFollowUp, after.autoConfirmed].map(String),
    );
  });
});
