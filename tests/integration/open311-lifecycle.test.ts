/**
 * An Open311 request's whole life, each step seen as an Open311 client sees
 * it (`requests/{id}.xml`): posted with coordinates only (a point on the road,
 * outside every estate), accepted and dispatched by the community's admin
 * (no grid owns it), resolved by the grid worker it went to, and closed by
 * the staff's follow-up call (回访): its reporter has no account to confirm
 * with; 180 days after that its reporter's name and contact go. Each step is
 * its own case, in order.
 */
import { CONTACT_ERASED_NAME, contactsUntil } from '@linli/shared';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';

const J = 'chunhui';
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'request' });

type SeenRequest = Record<string, string> & { updated_datetime: string; requested_datetime: string };

/** The request as `requests/{id}.xml` shows it. */
async function seen(id: string): Promise<SeenRequest> {
  const res = await fetch(`${inject('apiUrl')}/open311/v2/requests/${id}.xml?jurisdiction_id=${J}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  const requests = parser.parse(await res.text()).service_requests.request;
  expect(requests).toHaveLength(1);
  return requests[0];
}

async function act(persona: string, reportId: string, body: Record<string, unknown>) {
  const res = await call('POST', `/v1/communities/${J}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    idempotencyKey: newKey(),
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.report;
}

describe('an Open311 request’s whole life, seen through requests/{id}.xml', () => {
  let apiKey: string;
  let id: string;
  /** What the client saw at the step before. */
  let before: SeenRequest;

  beforeAll(async () => {
    const res = await call('POST', `/v1/communities/${J}/open311/keys`, { token: await signIn('admin-chunhui') });
    expect(res.status).toBe(201);
    apiKey = res.body.apiKey;
  });

  it('is posted with coordinates only and accepted as an open request at that point', async () => {
    // Act
    const res = await fetch(`${inject('apiUrl')}/open311/v2/requests.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        jurisdiction_id: J,
        api_key: apiKey,
        service_code: 'sanitation',
        description: `春晖路中段有人倾倒建筑垃圾 ${newKey().slice(0, 8)}`,
        lat: '30.27415',
        long: '120.15515',
        first_name: '先生',
        last_name: '陈',
        phone: '13900001111',
        email: 'chen@example.org',
      }).toString(),
    });
    // Assess
    expect(res.status).toBe(201);
    id = parser.parse(await res.text()).service_requests.request[0].service_request_id;
    before = await seen(id);
    expect(before).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '',
      service_code: 'sanitation',
      lat: '30.27415',
      long: '120.15515',
      address: '',
      address_id: '',
      expected_datetime: '',
      agency_responsible: '',
    });
    expect(before.updated_datetime).toBe(before.requested_datetime);
    // No estate, no grid: it waits in the community's own queue, where the admin dispatches.
    const queue = await call('GET', `/v1/communities/${J}/feedback?status=submitted&limit=100`, {
      token: await signIn('admin-chunhui'),
    });
    expect(queue.body.items.map((r: { reportId: string }) => r.reportId)).toContain(id);
    // … and the admins hear of it in 消息, as a grid's workers would for a report of their grid.
    // Their whole inbox: other files' sweeps, run as if it were later, leave messages dated after this one.
    const inbox: { link: string | null; title: string }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await call('GET', `/v1/me/messages?limit=100${query}`, { token: await signIn('admin-chunhui') });
      expect(page.status).toBe(200);
      inbox.push(...(page.body.items as typeof inbox));
      cursor = page.body.cursor as string | null;
    } while (cursor);
    const told = inbox.filter((m) => m.link?.includes(id));
    expect(told.map((m) => m.title)).toEqual(['新反映待受理']);
  });

  it('is accepted by the admin: still open, now with an expected time', async () => {
    // Act
    const report = await act('admin-chunhui', id, { action: 'accept' });
    // Assess
    const now = await seen(id);
    expect(now).toMatchObject({ status: 'open', status_notes: '', expected_datetime: report.resolveBy });
    expect(now.updated_datetime > before.updated_datetime).toBe(true);
    before = now;
  });

  it('is dispatched to a grid worker: open, and that worker is the agency responsible', async () => {
    // Act
    await act('admin-chunhui', id, { action: 'dispatch', target: { kind: 'grid_worker', userId: 'demo-grid-zhang' } });
    // Assess
    const now = await seen(id);
    expect(now).toMatchObject({ status: 'open', agency_responsible: '张丽', lat: '30.27415', long: '120.15515' });
    expect(now.updated_datetime > before.updated_datetime).toBe(true);
    before = now;
  });

  it('is resolved by that worker: closed, with the resolution as its status notes', async () => {
    // Act
    await act('grid-zhang', id, { action: 'resolve', note: '已联系环卫清运完毕' });
    // Assess: the current mapping shows a resolved report as closed (it is no longer open work)
    const now = await seen(id);
    expect(now).toMatchObject({
      status: 'closed',
      status_notes: '已联系环卫清运完毕',
      agency_responsible: '张丽',
      lat: '30.27415',
      long: '120.15515',
    });
    expect(now.updated_datetime > before.updated_datetime).toBe(true);
    before = now;
  });

  it('is followed up by phone and closed: still closed to the client, and closed for the staff', async () => {
    // Act: the grid worker rang the number the client sent, and the reporter was satisfied
    const res = await call('POST', `/v1/communities/${J}/feedback/${id}/follow-ups`, {
      token: await signIn('grid-zhang'),
      idempotencyKey: newKey(),
      body: { channel: 'phone', verdict: 'satisfied', rating: 5, note: '来电人表示已清理干净' },
    });
    // Assess
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.report).toMatchObject({ status: 'closed', closure: 'follow_up', rating: { score: 5 } });
    const now = await seen(id);
    expect(now).toMatchObject({ status: 'closed', status_notes: '已联系环卫清运完毕', lat: '30.27415' });
    expect(now.updated_datetime > before.updated_datetime).toBe(true);
    // Nothing more is asked of anyone: the report has left every queue that waits for confirmation.
    const waiting = await call('GET', `/v1/communities/${J}/feedback?status=resolved&limit=100`, {
      token: await signIn('admin-chunhui'),
    });
    expect(waiting.body.items.map((r: { reportId: string }) => r.reportId)).not.toContain(id);
  });

  it('keeps the reporter’s name and contact for the staff 180 days after closing, then only the report', async () => {
    // Prepare
    const staffView = async () =>
      (await call('GET', `/v1/communities/${J}/feedback/${id}`, { token: await signIn('admin-chunhui') })).body;
    const closed = (await staffView()).report;
    expect(closed).toMatchObject({
      reporterName: '陈先生',
      reporterPhone: '13900001111',
      reporterEmail: 'chen@example.org',
    });
    const until = Date.parse(contactsUntil(closed.closedAt));
    const sweep = async (at: number) => {
      const res = await call('POST', '/v1/dev/sweeps', {
        body: { now: new Date(at).toISOString(), sweeps: ['feedback-contacts'] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.results).toEqual([{ name: 'feedback-contacts', changed: expect.any(Number) }]);
    };

    // Act: a minute before, then at the day, then again
    await sweep(until - 60_000);
    const kept = (await staffView()).report;
    await sweep(until);
    await sweep(until + 60_000);

    // Assess: kept until the day; then gone, said once on the staff's timeline, and the report as it was
    expect(kept.reporterEmail).toBe('chen@example.org');
    const erased = await staffView();
    expect(erased.report).toMatchObject({
      status: 'closed',
      reporterName: CONTACT_ERASED_NAME,
      reporterPhone: null,
      reporterEmail: null,
      rating: { score: 5 },
      location: { point: { lat: 30.27415, long: 120.15515 } },
    });
    const notes = erased.events.filter((e: { kind: string }) => e.kind === 'contacts_erased');
    expect(notes).toEqual([
      expect.objectContaining({ visibility: 'internal', actor: { name: '系统', role: 'system' } }),
    ]);
    const now = await seen(id);
    expect(now).toMatchObject({ status: 'closed', lat: '30.27415', long: '120.15515' });
  });
});
