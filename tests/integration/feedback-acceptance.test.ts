/**
 * The clock starts when a report arrives: every channel sets an acceptance
 * deadline from the community's settings, and the SLA sweep (the local-only
 * sweep route as the clock) marks a report nobody accepted overdue, reminds
 * the grid's workers, then escalates it to the community committee, one
 * timeline event per step and nothing twice. Once accepted, the usual
 * deadlines take over. Staff are told in 消息 (WeChat needs consents that
 * other files spend; the in-app messages are the record).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { messagesOf } from '../support/wechat.js';

const C = '/v1/communities/chunhui';
const MINUTE = 60_000;

interface Event {
  eventId: string;
  kind: string;
  visibility: string;
  text: string | null;
  actor: { name: string; role: string | null };
}

async function submit(category: string, description: string) {
  const res = await call('POST', `${C}/feedback`, {
    token: await signIn('resident-wang'),
    idempotencyKey: newKey(),
    body: {
      category,
      description,
      location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '楼道口' },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { reportId: string; createdAt: string; acceptBy: string; overdue: boolean; status: string };
}

async function act(persona: string, reportId: string, body: Record<string, unknown>) {
  return call('POST', `${C}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    idempotencyKey: newKey(),
    body,
  });
}

async function detail(reportId: string) {
  const res = await call('GET', `${C}/feedback/${reportId}`, { token: await signIn('admin-chunhui') });
  expect(res.status).toBe(200);
  return res.body as { report: Record<string, unknown>; events: Event[] };
}

/** Only the SLA sweep, as if it were `at`: the other sweeps keep their own clocks. */
async function sweep(at: number) {
  const res = await call('POST', '/v1/dev/sweeps', {
    body: { now: new Date(at).toISOString(), sweeps: ['feedback-sla'] },
  });
  expect(res.status).toBe(200);
  expect(res.body.results).toEqual([{ name: 'feedback-sla', changed: expect.any(Number) }]);
  return res.body.results[0].changed as number;
}

/** The titles of `who`'s messages about one report, oldest first. */
const titlesOf = async (who: string, reportId: string) =>
  (await messagesOf(who)).items
    .filter((m) => m.link?.includes(`reportId=${reportId}`))
    .map((m) => m.title)
    .reverse();

let defaults: { urgent: number; routine: number; complex: number };
beforeAll(async () => {
  const community = await call('GET', C, { token: await signIn('resident-wang') });
  defaults = community.body.settings.sla.acceptMinutes;
});

describe('the acceptance deadline', () => {
  it('comes from the community’s settings, per urgency, for reports from the app, staff entry and Open311', async () => {
    // Prepare: the settings the app reads (GET /v1/communities/{id})
    expect(defaults).toEqual({ urgent: 10, routine: 120, complex: 1440 });
    // Act: an urgent, a routine and a complex report from the app; a hotline report entered by staff
    const urgent = await submit('manhole', '3幢门口井盖翘起来了，晚上容易绊倒人');
    const routine = await submit('sanitation', '3幢2单元楼道里堆了很多纸箱');
    const complex = await submit('dispute', '楼上邻居装修占用了楼道，协商不成');
    const offline = await call('POST', `${C}/feedback/offline`, {
      token: await signIn('grid-zhang'),
      idempotencyKey: newKey(),
      body: {
        category: 'manhole',
        description: '热线反映：3幢东侧井盖缺了一角',
        location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: null, detail: '东侧' },
        channel: 'hotline',
        reporterName: '热线：王阿姨',
      },
    });
    const key = await call('POST', `${C}/open311/keys`, { token: await signIn('admin-chunhui') });
    const open311 = await call('POST', '/open311/v2/requests.json', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams({
        jurisdiction_id: 'chunhui',
        api_key: key.body.apiKey,
        service_code: 'noise',
        description: `南门广场舞音响太吵，晚上九点后还在放 ${newKey().slice(0, 8)}`,
        address_id: 'chy-b3',
        first_name: '明',
        last_name: '李',
      }).toString(),
    });
    // Assess: due the configured minutes after arrival, whatever the channel
    const minutesToAccept = (r: { createdAt: string; acceptBy: string }) =>
      (Date.parse(r.acceptBy) - Date.parse(r.createdAt)) / MINUTE;
    expect([minutesToAccept(urgent), minutesToAccept(routine), minutesToAccept(complex)]).toEqual([10, 120, 1440]);
    expect(offline.status).toBe(201);
    expect(minutesToAccept(offline.body)).toBe(10);
    expect(open311.status, JSON.stringify(open311.body)).toBe(201);
    const filed = (await detail(open311.body[0].service_request_id)).report as { createdAt: string; acceptBy: string };
    expect(minutesToAccept(filed)).toBe(120);
  });
});

describe('an admin’s own acceptance deadlines', () => {
  it('are refused with the field named when wrong, and used for the next report when saved', async () => {
    // Prepare: 春晖's settings as they are
    const admin = await signIn('admin-chunhui');
    const before = (await call('GET', C, { token: admin })).body.settings;
    const put = (sla: Record<string, unknown>, version: number) =>
      call('PUT', `${C}/settings`, { token: admin, body: { version, sla } });
    // Act 1: a routine acceptance deadline of 0 minutes, and one left out
    const zero = await put(
      { ...before.sla, acceptMinutes: { ...before.sla.acceptMinutes, routine: 0 } },
      before.version,
    );
    const { acceptMinutes: _left, ...without } = before.sla;
    const missing = await put(without, before.version);
    // Assess 1: 400s naming the field, in Chinese, with the stable code
    expect(zero.status).toBe(400);
    expect(zero.body.error.code).toBe('VALIDATION_FAILED');
    expect(zero.body.error.details).toContainEqual({
      field: 'body.sla.acceptMinutes.routine',
      message: '不能小于 1 分钟',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toContain('body.sla.acceptMinutes');
    // Act 2: urgent reports to be accepted within 30 minutes
    const saved = await put(
      { ...before.sla, acceptMinutes: { ...before.sla.acceptMinutes, urgent: 30 } },
      before.version,
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    try {
      const filed = await submit('manhole', '春晖苑3幢门口井盖松动，踩上去会晃');
      // Assess 2
      expect((Date.parse(filed.acceptBy) - Date.parse(filed.createdAt)) / MINUTE).toBe(30);
    } finally {
      // Leave 春晖's deadlines as the other tests expect them.
      const now = (await call('GET', C, { token: admin })).body.settings;
      expect((await put(before.sla, now.version)).status).toBe(200);
    }
  });
});

describe('a report nobody accepts', () => {
  it('goes overdue and is reminded, then is escalated to the committee, one event per step, never twice', async () => {
    // Prepare: an urgent report (to be accepted within 10 minutes)
    const report = await submit('fire_passage', '3幢北侧消防通道被私家车堵死了');
    const id = report.reportId;
    const acceptBy = Date.parse(report.acceptBy);
    expect(report).toMatchObject({ status: 'submitted', overdue: false });

    // Act 1: a second before the deadline
    await sweep(acceptBy - 1000);
    // Assess 1: nothing yet
    expect((await detail(id)).events.map((e) => e.kind)).toEqual(['submitted']);

    // Act 2: a second past it
    const first = acceptBy + 1000;
    expect(await sweep(first)).toBeGreaterThanOrEqual(1);
    // Assess 2: overdue (public) and reminded (internal), by the system; the grid worker is told in 消息
    const once = await detail(id);
    expect(once.events.map((e) => [e.kind, e.visibility, e.actor.role])).toEqual([
      ['submitted', 'public', 'resident'],
      ['overdue', 'public', 'system'],
      ['reminded', 'internal', 'system'],
    ]);
    expect(once.events[1]?.text).toMatch(/^未在 (\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前受理$/);
    expect(once.events[2]?.text).toMatch(/^已提醒网格员尽快受理；.+ 前仍未受理将上报社区$/);
    expect(once.report).toMatchObject({ status: 'submitted', overdue: true, escalated: false, assignee: null });
    expect(await titlesOf('grid-zhang', id)).toEqual(['新反映待受理', '反映超时未受理']);
    // The queue's overdue filter finds it
    const overdueQueue = await call('GET', `${C}/feedback?overdue=true&status=submitted&limit=100`, {
      token: await signIn('grid-zhang'),
    });
    expect(overdueQueue.body.items.map((r: { reportId: string }) => r.reportId)).toContain(id);

    // Act 3: the same moment again
    await sweep(first);
    // Assess 3: not one more event, not one more message
    expect((await detail(id)).events.map((e) => e.eventId)).toEqual(once.events.map((e) => e.eventId));
    expect(await titlesOf('grid-zhang', id)).toEqual(['新反映待受理', '反映超时未受理']);

    // Act 4: the second deadline is as long again as the missed window (10 minutes) after the first sweep
    const second = first + 10 * MINUTE;
    await sweep(second - 1000);
    expect((await detail(id)).events).toHaveLength(3);
    await sweep(second + 1000);
    // Assess 4: escalated to the community's party committee, and the admins are told
    const twice = await detail(id);
    expect(twice.events.map((e) => [e.kind, e.visibility, e.actor.role])).toEqual([
      ['submitted', 'public', 'resident'],
      ['overdue', 'public', 'system'],
      ['reminded', 'internal', 'system'],
      ['auto_escalated', 'public', 'system'],
    ]);
    // 春晖 has a street above it: the committee is given a deadline of its own before the street is told.
    expect(twice.events[3]?.text).toMatch(/^催办后仍未受理，已上报春晖社区党委；.+ 前仍未办结将上报长河街道$/);
    expect(twice.report).toMatchObject({
      status: 'submitted',
      overdue: true,
      escalated: true,
      assignee: { kind: 'committee', name: '春晖社区党委' },
    });
    expect(await titlesOf('admin-chunhui', id)).toEqual(['反映已上报社区']);
    expect(await titlesOf('admin2-chunhui', id)).toEqual(['反映已上报社区']);

    // Act 5: later again, within the committee's own deadline (as long again as the window missed), and a second run
    await sweep(second + 5 * MINUTE);
    await sweep(second + 5 * MINUTE);
    // Assess 5: nothing more is raised
    expect((await detail(id)).events.map((e) => e.eventId)).toEqual(twice.events.map((e) => e.eventId));
    expect(await titlesOf('grid-zhang', id)).toEqual(['新反映待受理', '反映超时未受理']);

    // Act 6: the committee decides now; the grid worker no longer may, an admin accepts
    const byGrid = await act('grid-zhang', id, { action: 'accept' });
    const byAdmin = await act('admin-chunhui', id, { action: 'accept' });
    // Assess 6
    expect(byGrid.status).toBe(403);
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(200);
    expect(byAdmin.body.report).toMatchObject({ status: 'accepted', overdue: false, escalated: true });
  });

  it('is watched by its usual deadlines once accepted, even after an acceptance reminder', async () => {
    // Prepare: an urgent report, reminded for acceptance
    const report = await submit('elderly_help', '3幢2单元独居的刘奶奶两天没下楼了');
    const id = report.reportId;
    await sweep(Date.parse(report.acceptBy) + 1000);
    expect((await detail(id)).report).toMatchObject({ overdue: true });
    // Act 1: the grid worker accepts it, late
    const accepted = await act('grid-zhang', id, { action: 'accept' });
    // Assess 1: no longer overdue; the on-site deadline (10 minutes) is what counts now
    expect(accepted.status).toBe(200);
    const r = accepted.body.report;
    expect(r).toMatchObject({ status: 'accepted', overdue: false, escalated: false, respondKind: 'on_site' });
    expect(Date.parse(r.respondBy) - Date.parse(r.acceptedAt)).toBe(10 * MINUTE);
    // The sweeps run on a clock ahead of the real one, so the timeline (in time order) lists their events after the
    // real acceptance: count the steps, not their places.
    const steps = async () => {
      const events = (await detail(id)).events;
      return {
        events,
        overdue: events.filter((e) => e.kind === 'overdue'),
        reminded: events.filter((e) => e.kind === 'reminded'),
      };
    };
    // Act 2: a second before the on-site deadline…
    await sweep(Date.parse(r.respondBy) - 1000);
    expect((await steps()).events).toHaveLength(4);
    // …and a second past it
    await sweep(Date.parse(r.respondBy) + 1000);
    // Assess 2: a fresh first breach of the on-site promise, not an escalation
    const after = await steps();
    expect(after.events).toHaveLength(6);
    expect(after.overdue.map((e) => e.text?.replace(/^未在 .+ 前/, ''))).toEqual(['受理', '到达现场']);
    expect(after.reminded).toHaveLength(2);
    expect(after.events.some((e) => e.kind === 'auto_escalated')).toBe(false);
    expect((await detail(id)).report).toMatchObject({ overdue: true, escalated: false });
  });

  it('leaves a report accepted in time alone at its acceptance deadline', async () => {
    // Prepare: a routine report accepted at once (a small repair: due at the end of the next Shanghai day)
    const report = await submit('drain', '3幢楼下的下水道堵了，污水漫到路面');
    const accepted = await act('grid-zhang', report.reportId, { action: 'accept' });
    expect(accepted.status).toBe(200);
    // Act: past the acceptance deadline (2 hours), before the fix deadline
    await sweep(Date.parse(report.acceptBy) + 1000);
    // Assess
    const after = await detail(report.reportId);
    expect(after.events.map((e) => e.kind)).toEqual(['submitted', 'accept']);
    expect(after.report).toMatchObject({ overdue: false, status: 'accepted' });
  });
});
