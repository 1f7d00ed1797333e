/**
 * Open311 GeoReport v2 over the feedback box: services, filing a request with
 * a community's API key, following it through the feedback workflow, and the
 * specification's error shape.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';

const J = 'chunhui';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function post(fields: Record<string, string>) {
  return call('POST', '/open311/v2/requests.json', { rawBody: new URLSearchParams(fields).toString(), headers: FORM });
}

async function issueKey(persona: string, communityId: string): Promise<string> {
  const res = await call('POST', `/v1/communities/${communityId}/open311/keys`, { token: await signIn(persona) });
  expect(res.status).toBe(201);
  return res.body.apiKey;
}

const requests = (query: string) => call('GET', `/open311/v2/requests.json?jurisdiction_id=${J}&${query}`);
const one = (id: string) => call('GET', `/open311/v2/requests/${id}.json?jurisdiction_id=${J}`);

async function act(reportId: string, body: Record<string, unknown>) {
  const res = await call('POST', `/v1/communities/${J}/feedback/${reportId}/events`, {
    token: await signIn('grid-zhang'),
    idempotencyKey: newKey(),
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.report;
}

let apiKey: string;
const request = (over: Record<string, string> = {}) => ({
  jurisdiction_id: J,
  api_key: apiKey,
  service_code: 'noise',
  description: `南门广场舞音响太吵，晚上九点后还在放 ${newKey().slice(0, 8)}`,
  address_id: 'chy-b3',
  address_string: '南门广场',
  first_name: '明',
  last_name: '李',
  phone: '13800000000',
  ...over,
});

beforeAll(async () => {
  apiKey = await issueKey('admin-chunhui', J);
});

describe('the Open311 service list', () => {
  it('lists the community’s enabled categories as services, grouped by urgency', async () => {
    // Prepare
    const community = await call('GET', `/v1/communities/${J}`, { token: await signIn('admin-chunhui') });
    const enabled = community.body.settings.feedback.categories.filter((c: { enabled: boolean }) => c.enabled);
    // Act
    const res = await call('GET', `/open311/v2/services.json?jurisdiction_id=${J}`);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.map((s: { service_code: string }) => s.service_code)).toEqual(
      enabled.map((c: { category: string }) => c.category),
    );
    expect(res.body.find((s: { service_code: string }) => s.service_code === 'noise')).toEqual({
      service_code: 'noise',
      service_name: '噪音',
      description: '噪音（一般）',
      // The specification: metadata is true where the service definition has attributes (noise asks 时段).
      metadata: true,
      type: 'realtime',
      keywords: '噪音',
      group: '一般',
    });
  });

  it('answers an unknown jurisdiction with 404 in Open311’s error shape', async () => {
    const services = await call('GET', '/open311/v2/services.json?jurisdiction_id=nowhere');
    const list = await call('GET', '/open311/v2/requests.json?jurisdiction_id=nowhere');
    expect(services.status).toBe(404);
    expect(services.body).toEqual([{ code: 404, description: expect.stringContaining('nowhere') }]);
    expect(list.status).toBe(404);
    expect(list.body[0].code).toBe(404);
  });
});

describe('filing a service request with an API key', () => {
  it('refuses a wrong key, or another community’s, with 403 in Open311’s error shape', async () => {
    // Prepare
    const foreign = await issueKey('admin-fengqiao', 'fengqiao');
    // Act
    const wrong = await post(request({ api_key: 'x'.repeat(43) }));
    const other = await post(request({ api_key: foreign }));
    // Assess
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    expect(other.status).toBe(403);
    expect(other.body[0].code).toBe(403);
  });

  it('refuses a request without a key with 403, and a bad field with 400 naming the field', async () => {
    const { api_key: _omitted, ...keyless } = request();
    const missing = await post(keyless);
    const badCode = await post(request({ service_code: 'Noise!' }));
    const noBuilding = await post(request({ address_id: 'czy-b99' }));
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    expect(badCode.status).toBe(400);
    expect(badCode.body[0].description).toMatch(/^body\.service_code: /);
    expect(noBuilding.status).toBe(400);
    expect(noBuilding.body[0].description).toMatch(/^body\.address_id: /);
  });

  it('files a report that Open311 and the staff can follow to its resolution', async () => {
    // Act: file
    const filed = await post(request());
    // Assess: 201 with the id, open, no expected time before acceptance
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual([{ service_request_id: expect.any(String), service_notice: null, account_id: null }]);
    const id = filed.body[0].service_request_id as string;
    const listed = (await requests('')).body.find((r: { service_request_id: string }) => r.service_request_id === id);
    const fetched = await one(id);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual([listed]);
    expect(listed).toMatchObject({
      status: 'open',
      status_notes: null,
      service_code: 'noise',
      service_name: '噪音',
      agency_responsible: '第一网格',
      expected_datetime: null,
      address: '春晖苑 3幢',
      address_id: 'chy-b3',
      media_url: null,
      lat: null,
      long: null,
    });
    const staff = await call('GET', `/v1/communities/${J}/feedback/${id}`, { token: await signIn('grid-zhang') });
    expect(staff.body.report).toMatchObject({ channel: 'open311', reporterName: '李明', gridId: 'chunhui-g1' });

    // Act: the grid worker accepts
    const accepted = await act(id, { action: 'accept' });
    // Assess: the expected time is the fix deadline
    expect((await one(id)).body[0]).toMatchObject({ status: 'open', expected_datetime: accepted.resolveBy });

    // Act: dispatched to the grid worker, resolved with a note
    await act(id, { action: 'dispatch', target: { kind: 'grid_worker', userId: 'demo-grid-zhang' } });
    await act(id, { action: 'resolve', note: '已与广场舞队协商，九点后停止播放' });
    const resolvedAt = (await one(id)).body[0].updated_datetime as string;
    await act(id, { action: 'note', text: '内部：队长电话已记下' });
    // Assess: closed, with the resolution as the status notes (an internal note never shows, but counts as an update)
    const closed = (await one(id)).body[0];
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: '已与广场舞队协商，九点后停止播放',
      agency_responsible: '张丽',
      expected_datetime: accepted.resolveBy,
    });
    expect(closed.updated_datetime > resolvedAt).toBe(true);
    expect(resolvedAt > (listed.requested_datetime as string)).toBe(true);
  });

  it('lists requests from the report items alone, in a few DynamoDB calls however many there are', async () => {
    for (const n of [1, 2, 3]) await post(request({ description: `楼下空调外机滴水第 ${n} 次反映` }));
    const list = await requests('');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(2);
    // Community (and key) lookups plus one query per open/done partition: never a read per request.
    expect(Number(list.headers.get('x-linli-dynamodb-calls'))).toBeLessThanOrEqual(4);
  });

  it('returns the same request id for a repeated identical POST', async () => {
    const fields = request();
    const first = await post(fields);
    const again = await post(fields);
    const different = await post({ ...fields, description: `${fields.description}。` });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body[0].service_request_id).toBe(first.body[0].service_request_id);
    expect(different.body[0].service_request_id).not.toBe(first.body[0].service_request_id);
  });
});

describe('finding service requests', () => {
  let id: string;
  let requested: number;

  beforeAll(async () => {
    const filed = await post(request({ service_code: 'parking', description: '消防通道旁总有车辆乱停，车主不在' }));
    id = filed.body[0].service_request_id;
    requested = Date.parse((await one(id)).body[0].requested_datetime);
  });

  const ids = (res: { body: { service_request_id: string }[] }) => res.body.map((r) => r.service_request_id);
  const iso = (ms: number) => new Date(ms).toISOString();

  it('filters by service code and status', async () => {
    expect(ids(await requests('service_code=parking'))).toContain(id);
    expect(ids(await requests('service_code=noise'))).not.toContain(id);
    expect(ids(await requests('status=open'))).toContain(id);
    expect(ids(await requests('status=closed'))).not.toContain(id);
    expect((await requests('status=closed')).body.every((r: { status: string }) => r.status === 'closed')).toBe(true);
  });

  it('filters by dates, with offsets or UTC, newest first', async () => {
    const around = await requests(
      `start_date=${encodeURIComponent(iso(requested - 60_000))}&end_date=${encodeURIComponent(iso(requested + 60_000))}`,
    );
    const before = await requests(`end_date=${encodeURIComponent(iso(requested - 1))}`);
    const shanghaiStart = new Date(requested + 8 * 3_600_000).toISOString().slice(0, 19);
    const sinceThen = await requests(`start_date=${encodeURIComponent(`${shanghaiStart}+08:00`)}`);
    const all = await requests('');
    expect(ids(around)).toContain(id);
    expect(ids(before)).not.toContain(id);
    expect(ids(sinceThen)).toContain(id);
    const times = all.body.map((r: { requested_datetime: string }) => r.requested_datetime);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('refuses a window wider than 90 days and a malformed date, naming the field', async () => {
    const wide = await requests('start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    const malformed = await requests('start_date=yesterday');
    expect(wide.status).toBe(400);
    expect(wide.body[0].description).toMatch(/^query\.end_date: /);
    expect(malformed.status).toBe(400);
    expect(malformed.body[0].description).toMatch(/^query\.start_date: /);
  });

  it('looks requests up by id, and answers a missing one with 404', async () => {
    const byIds = await requests(`service_request_id=${id},nosuchrequest`);
    const missing = await one('nosuchrequest');
    expect(ids(byIds)).toEqual([id]);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ code: 404, description: expect.stringContaining('nosuchrequest') }]);
  });
});
