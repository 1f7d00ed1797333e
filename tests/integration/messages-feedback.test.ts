/**
 * The message centre and WeChat's real limits, for the feedback box, through
 * the API of the local stack (DynamoDB Local, the WeChat stand-in, the
 * stream consumer): 消息 always has the message; WeChat carries it only
 * with a consent; an outage loses nothing and sends nothing twice; image
 * verdicts arrive by signed push and hide a risky photo without touching
 * the report.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { createFeedbackRepository } from '../../functions/src/data/feedback.js';
import { createMessagesRepository } from '../../functions/src/data/messages.js';
import { call, newKey, signIn } from '../support/api.js';
import { PNG, uploadPhoto } from '../support/photos.js';
import { newResident } from '../support/residents.js';
import {
  clearFaults,
  consent,
  messagesOf,
  openidFor,
  outbox,
  setFaults,
  settledOutbox,
  standIn,
  sweepOutbox,
  type Who,
} from '../support/wechat.js';

const C = '/v1/communities/chunhui';
const REPORT = {
  category: 'sanitation',
  description: '1幢1单元三楼楼道堆满了纸箱，味道很大',
  location: { estateId: 'chunhui-yuan', buildingId: 'chy-b1', unit: 1, detail: '三楼楼道' },
};

let resident: { token: string; person: string; userId: string };

async function submit(who: Who, body: Record<string, unknown> = REPORT) {
  const token = typeof who === 'string' ? await signIn(who) : who.token;
  const res = await call('POST', `${C}/feedback`, { token, idempotencyKey: newKey(), body });
  expect(res.status).toBe(201);
  return res.body.reportId as string;
}

async function act(persona: string, reportId: string, body: Record<string, unknown>) {
  const res = await call('POST', `${C}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    idempotencyKey: newKey(),
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
}

const aboutReport = (id: string) => ({ page: `reportId=${id}` });

beforeAll(async () => {
  resident = await newResident();
});

afterEach(async () => {
  await clearFaults();
});

describe('a status change without consent', () => {
  it('lands in 消息 with an unread count and sends nothing to WeChat', async () => {
    // Prepare
    const id = await submit(resident);
    // Act
    await act('grid-zhang', id, { action: 'accept' });
    await act('grid-zhang', id, { action: 'reply', text: '已通知物业今天下午来换灯' });
    // Assess
    const box = await messagesOf(resident);
    const mine = box.items.filter((m) => m.link?.includes(`reportId=${id}`));
    expect(mine.map((m) => [m.kind, m.title, m.read])).toEqual([
      ['feedback_reply', '社区回复了您的反映', false],
      ['feedback_status', '您的反映已受理', false],
    ]);
    expect(mine[0]?.body).toContain('已通知物业今天下午来换灯');
    expect(box.unread).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await outbox({ touser: openidFor(resident), ...aboutReport(id) })).toEqual([]);
  });
});

describe('with consents', () => {
  it('sends exactly one WeChat message per consent, to the change the resident cares about', async () => {
    // Prepare: one tap on the submit page accepted 受理 and 办结, but not 回复
    const remaining = await consent(resident, ['feedback_accepted', 'feedback_resolved']);
    expect(remaining).toMatchObject({ feedback_accepted: 1, feedback_resolved: 1, feedback_reply: 0 });
    const id = await submit(resident);
    // Act: accepted, dispatched (same template as 受理: no consent left), replied (none given), resolved
    await act('grid-zhang', id, { action: 'accept' });
    await act('grid-zhang', id, { action: 'dispatch', target: { kind: 'property' } });
    await act('grid-zhang', id, { action: 'reply', text: '物业明天上午处理' });
    await act('property-chen', id, { action: 'resolve', note: '已清理干净', photos: [] });
    // Assess: WeChat got the 受理 and the 办结, once each
    const sent = await settledOutbox({ touser: openidFor(resident), ...aboutReport(id) }, 2);
    expect(sent.map((m) => [m.template_id, m.data.phrase2?.value])).toEqual([
      ['local-feedback-accepted', '已受理'],
      ['local-feedback-resolved', '待确认'],
    ]);
    expect(sent[1]?.data.thing1?.value).toBe('环境卫生');
    expect(sent[1]?.page).toBe(`packages/feedback/detail/index?communityId=chunhui&reportId=${id}`);
    // 消息 has all four, whatever WeChat carried
    const kinds = (await messagesOf(resident)).items.filter((m) => m.link?.includes(id)).map((m) => m.title);
    expect(kinds).toEqual(['您的反映已办结，请确认', '社区回复了您的反映', '您的反映已派单', '您的反映已受理']);
    const left = await call('GET', '/v1/me/subscriptions', { token: resident.token });
    expect(left.body.remaining).toMatchObject({ feedback_accepted: 0, feedback_resolved: 0 });
  });

  it('tells staff of new work only while they have task reminders left', async () => {
    // Prepare: the grid worker tapped 接收派单提醒 once
    await consent('grid-zhang', ['feedback_task']);
    // Act: two new reports in 张丽's grid
    const first = await submit(resident);
    const second = await submit(resident, { ...REPORT, description: '1幢1单元二楼楼道也有人堆放杂物' });
    // Assess: one WeChat reminder in all; both in 消息
    await expect
      .poll(
        async () =>
          (await outbox({ touser: openidFor('grid-zhang'), template: 'feedback_task' })).filter(
            (m) => m.page?.includes(first) || m.page?.includes(second),
          ).length,
        { timeout: 15_000 },
      )
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const reminders = (await outbox({ touser: openidFor('grid-zhang'), template: 'feedback_task' })).filter(
      (m) => m.page?.includes(first) || m.page?.includes(second),
    );
    expect(reminders).toHaveLength(1);
    const tasks = (await messagesOf('grid-zhang')).items.filter(
      (m) => m.link?.includes(first) || m.link?.includes(second),
    );
    expect(tasks.map((m) => m.title)).toEqual(['新反映待受理', '新反映待受理']);
  });
});

describe('a WeChat outage', () => {
  it('never fails the request, loses no message and delivers each once after recovery', async () => {
    // Prepare
    await consent(resident, ['feedback_accepted']);
    const id = await submit(resident);
    await setFaults({ busy: true });
    // Act: staff act while WeChat answers "system busy"
    const accepted = await act('grid-zhang', id, { action: 'accept' });
    // Assess: the change and its message are there; nothing reached WeChat
    expect(accepted.body.report.status).toBe('accepted');
    expect((await messagesOf(resident)).items.some((m) => m.link?.includes(id))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await outbox({ touser: openidFor(resident), ...aboutReport(id) })).toEqual([]);
    // Act: WeChat recovers; the sweep retries what is due, twice
    await clearFaults();
    const later = new Date(Date.now() + 60 * 60 * 1000);
    await sweepOutbox(later);
    await sweepOutbox(later);
    // Assess: delivered exactly once
    const sent = await settledOutbox({ touser: openidFor(resident), ...aboutReport(id) }, 1);
    expect(sent.map((m) => m.template_id)).toEqual(['local-feedback-accepted']);
  });
});

describe('the outbox commits with the change', () => {
  const region = 'cn-north-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

  it('writes neither the change nor its message when either is refused', async () => {
    // Prepare: a report, read through the repository the handlers use
    const table = createTable({ tableName: inject('tableName'), region, endpoint: inject('dynamoEndpoint') });
    const reports = createFeedbackRepository(table);
    const messages = createMessagesRepository(table);
    const id = await submit(resident);
    const loaded = await reports.get('chunhui', id);
    if (!loaded) throw new Error('report missing');
    const before = loaded.report;
    const now = new Date();
    const after = { ...before, status: 'accepted' as const, acceptedAt: now.toISOString() };
    const event = {
      eventId: `e${randomBytes(6).toString('hex')}`,
      at: now.toISOString(),
      kind: 'accept',
      actorId: null,
      actorName: '测试',
      actorRole: null,
      visibility: 'public' as const,
      text: null,
      photos: [],
      statusAfter: 'accepted' as const,
    };
    const draft = {
      userId: resident.userId,
      kind: 'feedback_status' as const,
      title: `测试消息 ${id}`,
      body: '不应出现',
      link: `x?reportId=${id}`,
      communityId: 'chunhui',
      messageId: `t${createHash('sha256').update(id).digest('hex').slice(0, 20)}`,
    };
    const unreadBefore = (await messagesOf(resident)).unread;
    // Act 1: the message cannot be written (its id is taken), so the change must not happen either
    await messages.put([{ ...draft, title: '已有的消息' }], now);
    await expect(
      reports.update(before, after, event, undefined, now, undefined, messages.messageItems([draft], now)),
    ).rejects.toThrow();
    // Act 2: the change is refused (someone changed the report), so its message must not be written
    const stale = { ...before, version: before.version - 1 };
    await expect(
      reports.update(
        stale,
        after,
        event,
        undefined,
        now,
        undefined,
        messages.messageItems([{ ...draft, messageId: undefined }], now),
      ),
    ).rejects.toMatchObject({ code: 'FEEDBACK_CHANGED' });
    // Assess
    expect((await reports.get('chunhui', id))?.report.status).toBe('submitted');
    const box = await messagesOf(resident);
    expect(box.items.filter((m) => m.title === `测试消息 ${id}`)).toEqual([]);
    expect(box.unread).toBe(unreadBefore + 1);
  });
});

describe('reading messages', () => {
  it('marks chosen messages read, then all, and keeps the count honest', async () => {
    // Prepare
    const person = await newResident();
    const id = await submit(person);
    await act('grid-zhang', id, { action: 'accept' });
    await act('grid-zhang', id, { action: 'reply', text: '收到，马上安排' });
    const box = await messagesOf(person);
    // The household approval, the 受理 and the reply
    expect(box.items.map((m) => m.kind)).toEqual(['feedback_reply', 'feedback_status', 'household_approved']);
    expect(box.unread).toBe(3);
    const [newest] = box.items;
    // Act 1: read one, twice
    const once = await call('POST', '/v1/me/messages/read', {
      token: person.token,
      body: { ids: [newest?.messageId] },
    });
    const twice = await call('POST', '/v1/me/messages/read', {
      token: person.token,
      body: { ids: [newest?.messageId] },
    });
    // Assess 1
    expect(once.body).toEqual({ unread: 2 });
    expect(twice.body).toEqual({ unread: 2 });
    // Act 2: all
    const all = await call('POST', '/v1/me/messages/read', { token: person.token, body: { all: true } });
    // Assess 2
    expect(all.body).toEqual({ unread: 0 });
    expect((await messagesOf(person)).items.every((m) => m.read)).toBe(true);
    // Another person's ids change nothing of theirs
    const stranger = await call('POST', '/v1/me/messages/read', {
      token: await signIn('resident-li'),
      body: { ids: [newest?.messageId] },
    });
    expect(stranger.status).toBe(200);
  });

  it('refuses bad input with the field named', async () => {
    const token = await signIn('resident-li');
    const empty = await call('POST', '/v1/me/messages/read', { token, body: { ids: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    const unknown = await call('POST', '/v1/me/subscriptions', { token, body: { accepted: ['feedback_status'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('body.accepted.0');
    const tooMany = await call('POST', '/v1/me/subscriptions', {
      token,
      body: { accepted: ['feedback_accepted', 'feedback_resolved', 'feedback_reply', 'feedback_task'] },
    });
    expect(tooMany.status).toBe(400);
    const page = await call('GET', '/v1/me/messages?limit=0', { token });
    expect(page.status).toBe(400);
    expect(page.body.error.details[0].field).toBe('query.limit');
  });
});

describe('WeChat message push', () => {
  it('answers the mp console’s URL check only when signed', async () => {
    const bad = await fetch(`${inject('apiUrl')}/v1/wechat/events?signature=x&timestamp=1&nonce=2&echostr=hello`);
    expect(bad.status).toBe(403);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('WECHAT_PUSH_REFUSED');
  });

  it('refuses a forged or replayed push with 403 and changes nothing', async () => {
    // Prepare: a real push, as WeChat sent it (the stand-in keeps what it pushed)
    const earlier = new Set((await pushes()).map((p) => p.traceId));
    const photo = await uploadPhoto(resident.token, 'chunhui', 'feedback');
    const id = await submit(resident, { ...REPORT, photos: [photo] });
    const fresh = async () => (await pushes()).filter((p) => !earlier.has(p.traceId) && p.delivered);
    await expect
      .poll(
        async () => {
          await standIn('/__stand-in/media-checks/flush', { body: {} });
          return (await fresh()).length;
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    const [record] = await fresh();
    if (!record) throw new Error('no push');
    const push = { query: record.query as unknown as Record<string, string>, body: JSON.stringify(record.body) };
    const url = (query: Record<string, string>) =>
      `${inject('apiUrl')}/v1/wechat/events?${new URLSearchParams(query).toString()}`;
    const post = (query: Record<string, string>, body: string) =>
      fetch(url(query), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    // Act and assess: the same push again is a replay
    expect((await post(push.query, push.body)).status).toBe(403);
    // A forged signature, and a tampered body under the real signature
    expect((await post({ ...push.query, msg_signature: '0'.repeat(40) }, push.body)).status).toBe(403);
    const envelope = JSON.parse(push.body) as { Encrypt: string };
    const tampered = JSON.stringify({ ...envelope, Encrypt: `${envelope.Encrypt.slice(0, -8)}AAAAAAA=` });
    expect((await post({ ...push.query, nonce: `${push.query.nonce}9` }, tampered)).status).toBe(403);
    // Nothing changed: the photo is still shown to the resident
    const seen = await call('GET', `${C}/feedback/${id}`, { token: resident.token });
    expect(seen.body.report.photos).toHaveLength(1);
  });

  it('hides a photo judged risky from residents, marks it for staff, tells the reporter, and keeps the report', async () => {
    // Prepare: a photo carrying the stand-in's documented risky marker
    const risky = Buffer.concat([PNG, Buffer.from('RISKY-IMAGE')]);
    const good = await uploadPhoto(resident.token, 'chunhui', 'feedback');
    const bad = await uploadPhoto(resident.token, 'chunhui', 'feedback', risky);
    // Act: the report is filed at once; the verdict comes later by push
    const id = await submit(resident, { ...REPORT, photos: [good, bad] });
    const right = await call('GET', `${C}/feedback/${id}`, { token: resident.token });
    expect(right.body.report.photos).toHaveLength(2);
    await standIn('/__stand-in/media-checks/flush', { body: {} });
    // Assess: residents no longer get the risky photo; staff see it marked; the report is untouched
    await expect
      .poll(
        async () => (await call('GET', `${C}/feedback/${id}`, { token: resident.token })).body.report.photos.length,
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    const mine = await call('GET', `${C}/feedback/${id}`, { token: resident.token });
    expect(mine.body.report.photos.map((p: { key: string }) => p.key)).toEqual([good]);
    expect(mine.body.report.status).toBe('submitted');
    const staff = await call('GET', `${C}/feedback/${id}`, { token: await signIn('grid-zhang') });
    expect(staff.body.report.photos.map((p: { key: string; hidden?: boolean }) => [p.key, p.hidden ?? false])).toEqual([
      [good, false],
      [bad, true],
    ]);
    const told = (await messagesOf(resident)).items.filter((m) => m.kind === 'photo_hidden' && m.link?.includes(id));
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain('未通过微信内容安全检查');
    // The same verdict delivered again (WeChat retries) changes nothing more
    await standIn('/__stand-in/media-checks/flush', { body: {} });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(
      (await messagesOf(resident)).items.filter((m) => m.kind === 'photo_hidden' && m.link?.includes(id)),
    ).toHaveLength(1);
    // Staff can still act on it
    await act('grid-zhang', id, { action: 'accept' });
  });
});

interface PushRecord {
  traceId: string;
  delivered: boolean;
  query: Record<string, string>;
  body: { ToUserName: string; Encrypt: string };
}

/** Every message push the stand-in sent (or tried to). */
async function pushes(): Promise<PushRecord[]> {
  return (await standIn('/__stand-in/pushes')).body.pushes as PushRecord[];
}
