/**
 * The SLA sweep through the API, with the local-only sweep route as the
 * clock: a missed deadline is marked and reminded, a second one escalated,
 * and a second run at the same moment changes nothing. Who is told is read in
 * 消息: the sweep also reminds about other files' reports nobody accepted,
 * which spend the staff's WeChat consents on this shared stack.
 */
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { messagesOf } from '../support/wechat.js';

const C = '/v1/communities/chunhui';
const MINUTE = 60_000;

/** The titles of `who`'s messages about one report, oldest first. */
const titlesOf = async (who: string, reportId: string) =>
  (await messagesOf(who)).items
    .filter((m) => m.link?.includes(`reportId=${reportId}`))
    .map((m) => m.title)
    .reverse();

async function submit(category: string, description: string): Promise<string> {
  const res = await call('POST', `${C}/feedback`, {
    token: await signIn('resident-wang'),
    idempotencyKey: newKey(),
    body: {
      category,
      description,
      photos: [],
      location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '楼道口' },
    },
  });
  expect(res.status).toBe(201);
  return res.body.reportId;
}

async function act(persona: string, reportId: string, body: Record<string, unknown>) {
  const res = await call('POST', `${C}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    idempotencyKey: newKey(),
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The report and its whole timeline as the grid worker (staff see internal events too). */
async function detail(reportId: string) {
  const res = await call('GET', `${C}/feedback/${reportId}`, { token: await signIn('grid-zhang') });
  expect(res.status).toBe(200);
  return res.body as {
    report: Record<string, unknown>;
    events: { eventId: string; kind: string; visibility: string; actor: { name: string; role: string } }[];
  };
}

async function sweep(now: Date) {
  const res = await call('POST', '/v1/dev/sweeps', { body: { now: now.toISOString() } });
  expect(res.status).toBe(200);
  // Every registered sweep runs; this file reads the SLA sweep's result.
  const sla = res.body.results.find((r: { name: string }) => r.name === 'feedback-sla');
  expect(sla).toEqual({ name: 'feedback-sla', changed: expect.any(Number) });
  return sla.changed as number;
}

const kinds = async (reportId: string) => (await detail(reportId)).events.map((e) => e.kind);

describe('the SLA sweep marks, reminds and escalates missed deadlines', () => {
  it('reminds after the first breach, escalates after the second, and never repeats itself', async () => {
    // Prepare: an urgent report (on site within 10 minutes), accepted by the grid worker
    const id = await submit('flying_wire', '3幢北侧有人从窗口拉电线给电动车充电');
    const accepted = (await act('grid-zhang', id, { action: 'accept' })).report;
    const respondBy = Date.parse(accepted.respondBy);
    expect(respondBy - Date.parse(accepted.acceptedAt)).toBe(10 * MINUTE);

    // Act 1: before the deadline nothing happens
    await sweep(new Date(respondBy - 1000));
    // Assess 1
    expect(await kinds(id)).toEqual(['submitted', 'accept']);

    // Act 2: just past the on-site deadline
    const first = new Date(respondBy + 1000);
    expect(await sweep(first)).toBeGreaterThanOrEqual(1);
    const afterFirst = await detail(id);
    // Assess 2: overdue (public) and reminded (internal) by the system, and the grid worker is told
    expect(afterFirst.events.map((e) => [e.kind, e.visibility, e.actor.role])).toEqual([
      ['submitted', 'public', 'resident'],
      ['accept', 'public', 'grid_worker'],
      ['overdue', 'public', 'system'],
      ['reminded', 'internal', 'system'],
    ]);
    expect(afterFirst.report).toMatchObject({ overdue: true, escalated: false, status: 'accepted' });
    expect(await titlesOf('grid-zhang', id)).toEqual(['新反映待受理', '反映已超时']);

    // Act 3: the same moment again
    await sweep(first);
    // Assess 3: not one more event, not one more message
    expect((await detail(id)).events.map((e) => e.eventId)).toEqual(afterFirst.events.map((e) => e.eventId));
    expect(await titlesOf('grid-zhang', id)).toEqual(['新反映待受理', '反映已超时']);

    // Act 4: the second deadline is as long again as the missed window (10 minutes) after the first sweep
    const second = first.getTime() + 10 * MINUTE;
    await sweep(new Date(second - 1000));
    expect(await kinds(id)).toHaveLength(4);
    await sweep(new Date(second + 1000));
    const afterSecond = await detail(id);
    // Assess 4: escalated to the community's party committee; the admins are told
    expect(afterSecond.events.map((e) => e.kind)).toEqual([
      'submitted',
      'accept',
      'overdue',
      'reminded',
      'auto_escalated',
    ]);
    expect(afterSecond.report).toMatchObject({
      escalated: true,
      overdue: true,
      assignee: { kind: 'committee', name: '春晖社区党委' },
    });
    expect(await titlesOf('admin-chunhui', id)).toEqual(['反映已上报社区']);
    expect(await titlesOf('admin2-chunhui', id)).toEqual(['反映已上报社区']);

    // Act 5: later still, nothing more is raised
    await sweep(new Date(second + 10 * MINUTE));
    expect(await kinds(id)).toHaveLength(5);
  });

  it('never touches a report that was resolved in time', async () => {
    // Prepare: an urgent report, dispatched to the grid worker and resolved before its deadlines
    const id = await submit('elderly_help', '3幢2单元独居的刘奶奶两天没下楼了');
    const accepted = (await act('grid-zhang', id, { action: 'accept' })).report;
    await act('grid-zhang', id, { action: 'dispatch', target: { kind: 'grid_worker', userId: 'demo-grid-zhang' } });
    await act('grid-zhang', id, { action: 'resolve', note: '已上门探望，老人身体无恙' });
    const before = await detail(id);
    // Act: past its on-site deadline (sweeps reach further only where a test needs it: they see every report)
    await sweep(new Date(Date.parse(accepted.respondBy) + 1000));
    // Assess
    const after = await detail(id);
    expect(after.events.map((e) => e.eventId)).toEqual(before.events.map((e) => e.eventId));
    expect(after.report).toMatchObject({ status: 'resolved', overdue: false, escalated: false });
  });
});
