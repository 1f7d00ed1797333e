/**
 * GeoReport v2 conformance, written from the specification's text and run
 * through the API against DynamoDB Local: every endpoint in both formats
 * (the XML parsed and read element by element), every parameter edge a
 * client meets, and errors in the requested format with the spec's codes.
 */
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';

const J = 'chunhui';
const FORM = 'application/x-www-form-urlencoded';
const V2 = '/open311/v2';

/** Every element that is a list item in the specification's XML. */
const ITEMS = new Set(['service', 'request', 'attribute', 'value', 'endpoint', 'format', 'error']);
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ITEMS.has(name) });

interface Raw {
  status: number;
  type: string;
  text: string;
}

async function raw(method: string, path: string, form?: Record<string, string | string[]>): Promise<Raw> {
  const body = form ? new URLSearchParams() : undefined;
  for (const [name, value] of Object.entries(form ?? {}))
    for (const v of ([] as string[]).concat(value)) body?.append(name, v);
  const res = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers: body ? { 'content-type': FORM } : {},
    body: body?.toString(),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** A JSON answer, checked to be JSON. */
async function getJson(path: string) {
  const res = await raw('GET', path);
  expect(res.type, path).toBe('application/json; charset=utf-8');
  return { status: res.status, body: JSON.parse(res.text), text: res.text };
}

/** An XML answer: declared UTF-8, sent as text/xml, parsed. */
async function getXml(path: string, method = 'GET', form?: Record<string, string | string[]>) {
  const res = await raw(method, path, form);
  expect(res.type, path).toBe('text/xml; charset=utf-8');
  expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), res.text).toBe(true);
  return { status: res.status, doc: parser.parse(res.text), text: res.text };
}

async function postJson(path: string, form: Record<string, string | string[]>) {
  const res = await raw('POST', path, form);
  expect(res.type, path).toBe('application/json; charset=utf-8');
  return { status: res.status, body: JSON.parse(res.text), text: res.text };
}

let apiKey: string;
const form = (over: Record<string, string | string[]> = {}) => ({
  jurisdiction_id: J,
  api_key: apiKey,
  service_code: 'lighting',
  description: `东门外路灯不亮 ${newKey().slice(0, 8)}`,
  lat: '30.2741',
  long: '120.1551',
  ...over,
});

async function staffView(id: string) {
  const res = await call('GET', `/v1/communities/${J}/feedback/${id}`, { token: await signIn('admin-chunhui') });
  expect(res.status).toBe(200);
  return res.body.report;
}

beforeAll(async () => {
  const res = await call('POST', `/v1/communities/${J}/open311/keys`, { token: await signIn('admin-chunhui') });
  expect(res.status).toBe(201);
  apiKey = res.body.apiKey;
});

describe('service discovery', () => {
  it('says where GeoReport v2 is, in both formats, with the spec’s fields', async () => {
    // Act
    const json = await getJson(`${V2}/discovery.json`);
    const xml = await getXml(`${V2}/discovery.xml`);
    // Assess
    const endpoint = {
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${inject('apiUrl')}/open311/v2`,
      changeset: json.body.changeset,
      type: 'test',
      formats: ['text/xml', 'application/json'],
    };
    expect(json.status).toBe(200);
    expect(json.body).toEqual({
      changeset: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      contact: expect.any(String),
      key_service: expect.stringContaining('service_request_id'),
      endpoints: [endpoint],
    });
    expect(json.body.key_service).toContain('token');
    expect(xml.status).toBe(200);
    expect(xml.doc.discovery).toEqual({
      changeset: json.body.changeset,
      contact: json.body.contact,
      key_service: json.body.key_service,
      endpoints: { endpoint: [{ ...endpoint, formats: { format: endpoint.formats } }] },
    });
  });
});

describe('GET services', () => {
  it('lists the same services in JSON and in <services><service>, metadata true exactly where attributes exist', async () => {
    // Act
    const json = await getJson(`${V2}/services.json?jurisdiction_id=${J}`);
    const xml = await getXml(`${V2}/services.xml?jurisdiction_id=${J}`);
    // Assess
    expect(json.status).toBe(200);
    expect(xml.status).toBe(200);
    const withMetadata = json.body
      .filter((s: { metadata: boolean }) => s.metadata)
      .map((s: { service_code: string }) => s.service_code);
    expect(withMetadata.sort()).toEqual(['elevator', 'leak', 'noise', 'parking']);
    expect(xml.doc.services.service).toEqual(
      json.body.map((s: Record<string, unknown>) => ({ ...s, metadata: String(s.metadata) })),
    );
    expect(xml.doc.services.service.find((s: { service_code: string }) => s.service_code === 'leak')).toEqual({
      service_code: 'leak',
      service_name: '房屋漏水',
      description: '房屋漏水（复杂，中修）',
      metadata: 'true',
      type: 'realtime',
      keywords: '房屋漏水',
      group: '复杂',
    });
  });

  it('answers an unknown jurisdiction 404 and a missing one 400, in the format asked', async () => {
    const unknownJson = await getJson(`${V2}/services.json?jurisdiction_id=nowhere`);
    const unknownXml = await getXml(`${V2}/services.xml?jurisdiction_id=nowhere`);
    const missingXml = await getXml(`${V2}/services.xml`);
    const emptyJson = await getJson(`${V2}/services.json?jurisdiction_id=`);
    expect(unknownJson.status).toBe(404);
    expect(unknownJson.body).toEqual([{ code: 404, description: expect.stringContaining('nowhere') }]);
    expect(unknownXml.status).toBe(404);
    expect(unknownXml.doc.errors.error).toEqual([{ code: '404', description: expect.stringContaining('nowhere') }]);
    expect(missingXml.status).toBe(400);
    expect(missingXml.doc.errors.error[0].description).toMatch(/^query\.jurisdiction_id: /);
    expect(emptyJson.status).toBe(400);
  });
});

describe('GET a service definition', () => {
  it('gives a category’s attributes with their values, in JSON and in <service_definition>', async () => {
    // Act
    const json = await getJson(`${V2}/services/leak.json?jurisdiction_id=${J}`);
    const xml = await getXml(`${V2}/services/leak.xml?jurisdiction_id=${J}`);
    // Assess
    const leakPlace = {
      variable: true,
      code: 'leak_place',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: '从列表中选择一项',
      order: 1,
      description: '漏水位置',
      values: [
        { key: 'indoor', name: '室内' },
        { key: 'stairwell', name: '楼道' },
        { key: 'outdoor', name: '室外' },
      ],
    };
    expect(json.status).toBe(200);
    expect(json.body.service_code).toBe('leak');
    expect(json.body.attributes.map((a: { code: string }) => a.code)).toEqual(['leak_place', 'leak_severity']);
    expect(json.body.attributes[0]).toEqual(leakPlace);
    expect(xml.status).toBe(200);
    expect(xml.doc.service_definition.service_code).toBe('leak');
    expect(xml.doc.service_definition.attributes.attribute[0]).toEqual({
      ...leakPlace,
      variable: 'true',
      required: 'true',
      order: '1',
      values: { value: leakPlace.values },
    });
    expect(xml.doc.service_definition.attributes.attribute[1]).toMatchObject({
      code: 'leak_severity',
      required: 'false',
    });
  });

  it('gives an empty attribute list for a service that asks nothing more, and 404 for an unknown service', async () => {
    const plain = await getJson(`${V2}/services/lighting.json?jurisdiction_id=${J}`);
    const plainXml = await getXml(`${V2}/services/lighting.xml?jurisdiction_id=${J}`);
    const unknown = await getJson(`${V2}/services/teleport.json?jurisdiction_id=${J}`);
    const unknownXml = await getXml(`${V2}/services/teleport.xml?jurisdiction_id=${J}`);
    const elsewhere = await getXml(`${V2}/services/leak.xml?jurisdiction_id=nowhere`);
    expect(plain.body).toEqual({ service_code: 'lighting', attributes: [] });
    expect(plainXml.doc.service_definition).toEqual({ service_code: 'lighting', attributes: '' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ code: 404, description: expect.stringContaining('teleport') }]);
    expect(unknownXml.status).toBe(404);
    expect(unknownXml.doc.errors.error[0].code).toBe('404');
    expect(elsewhere.status).toBe(404);
  });
});

describe('POST a service request', () => {
  it('files one located by lat/long alone, keeps the point, and answers <service_requests><request> in XML', async () => {
    // Act
    const filed = await getXml(`${V2}/requests.xml`, 'POST', form());
    // Assess
    expect(filed.status).toBe(201);
    const [answer] = filed.doc.service_requests.request;
    expect(answer).toEqual({ service_request_id: expect.any(String), service_notice: '', account_id: '' });
    const id = answer.service_request_id as string;
    const [request] = (await getJson(`${V2}/requests/${id}.json?jurisdiction_id=${J}`)).body;
    expect(request).toMatchObject({ lat: 30.2741, long: 120.1551, address: '', address_id: null, status: 'open' });
    const report = await staffView(id);
    expect(report.location).toEqual({
      estateId: null,
      buildingId: null,
      unit: null,
      detail: '',
      address: '',
      point: { lat: 30.2741, long: 120.1551 },
    });
    // Outside every estate there is no grid: the community's own queue holds it for an admin.
    expect(report.gridId).toBeNull();
  });

  it('files one located by address_string alone, or by address_id alone', async () => {
    const byText = await postJson(
      `${V2}/requests.json`,
      form({ lat: '', long: '', address_string: '春晖路与枫桥路口' }),
    );
    const byBuilding = await postJson(`${V2}/requests.json`, form({ lat: '', long: '', address_id: 'chy-b3' }));
    expect(byText.status).toBe(201);
    expect(byBuilding.status).toBe(201);
    const [text] = (await getJson(`${V2}/requests/${byText.body[0].service_request_id}.json?jurisdiction_id=${J}`))
      .body;
    const [building] = (
      await getJson(`${V2}/requests/${byBuilding.body[0].service_request_id}.json?jurisdiction_id=${J}`)
    ).body;
    expect(text).toMatchObject({ address: '春晖路与枫桥路口', address_id: null, lat: null, long: null });
    expect(building).toMatchObject({ address: '春晖苑 3幢', address_id: 'chy-b3', lat: null, long: null });
    expect((await staffView(byBuilding.body[0].service_request_id)).gridId).toBe('chunhui-g1');
  });

  it('refuses a request with no location: 400, in the format asked', async () => {
    const json = await postJson(`${V2}/requests.json`, form({ lat: '', long: '' }));
    const xml = await getXml(`${V2}/requests.xml`, 'POST', form({ lat: '', long: '' }));
    expect(json.status).toBe(400);
    expect(json.body).toEqual([
      { code: 400, description: expect.stringMatching(/^body\.lat: .*address_string.*address_id/) },
    ]);
    expect(xml.status).toBe(400);
    expect(xml.doc.errors.error).toEqual([{ code: '400', description: json.body[0].description }]);
  });

  it('checks coordinates: numbers in range, both or neither', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ lat: '91' }, 'body.lat'],
      [{ long: '-181' }, 'body.long'],
      [{ lat: 'north' }, 'body.lat'],
      [{ long: '' }, 'body.long'],
      [{ lat: '' }, 'body.lat'],
    ];
    for (const [over, field] of cases) {
      const res = await postJson(`${V2}/requests.json`, form(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body[0].description.startsWith(`${field}: `), res.body[0].description).toBe(true);
    }
    expect((await postJson(`${V2}/requests.json`, form({ lat: '-90', long: '180' }))).status).toBe(201);
  });

  it('reads jurisdiction_id and api_key from the query string too, refusing a query and form that disagree', async () => {
    const { jurisdiction_id: _j, api_key: _k, ...rest } = form();
    const inQuery = await postJson(
      `${V2}/requests.json?jurisdiction_id=${J}&api_key=${encodeURIComponent(apiKey)}`,
      rest,
    );
    const disagree = await postJson(`${V2}/requests.json?jurisdiction_id=fengqiao`, form());
    const none = await postJson(`${V2}/requests.json`, { ...rest, api_key: apiKey });
    expect(inQuery.status).toBe(201);
    expect(disagree.status).toBe(400);
    expect(disagree.body[0].description).toMatch(/^query\.jurisdiction_id: /);
    expect(none.status).toBe(400);
    expect(none.body[0].description).toMatch(/jurisdiction_id/);
  });

  it('answers an unknown service 404, an unknown jurisdiction 404, a bad key 403, in the format asked', async () => {
    const service = await getXml(`${V2}/requests.xml`, 'POST', form({ service_code: 'teleport' }));
    const place = await postJson(`${V2}/requests.json`, form({ jurisdiction_id: 'nowhere' }));
    const key = await getXml(`${V2}/requests.xml`, 'POST', form({ api_key: 'x'.repeat(43) }));
    const keyless = await postJson(`${V2}/requests.json`, form({ api_key: '' }));
    expect(service.status).toBe(404);
    expect(service.doc.errors.error[0]).toEqual({ code: '404', description: expect.stringContaining('teleport') });
    expect(place.status).toBe(404);
    expect(key.status).toBe(403);
    expect(key.doc.errors.error[0]).toEqual({ code: '403', description: expect.stringContaining('api_key') });
    expect(keyless.status).toBe(403);
  });

  it('takes no description, or one of up to 4,000 characters', async () => {
    const none = await postJson(`${V2}/requests.json`, form({ description: '' }));
    const long = await postJson(
      `${V2}/requests.json`,
      form({ description: `${newKey()}${'灯'.repeat(3960)}`.slice(0, 4000) }),
    );
    const tooLong = await postJson(`${V2}/requests.json`, form({ description: '灯'.repeat(4001) }));
    expect(none.status).toBe(201);
    expect(
      (await getJson(`${V2}/requests/${none.body[0].service_request_id}.json?jurisdiction_id=${J}`)).body[0]
        .description,
    ).toBe('');
    expect(long.status).toBe(201);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body[0].description).toMatch(/^body\.description: /);
  });

  it('keeps email, names, any phone and media_url for the staff, and never shows them in Open311 answers', async () => {
    // Prepare
    const contact = {
      email: `reporter.${newKey().slice(0, 6).toLowerCase()}@example.org`,
      first_name: 'Alexandria',
      last_name: 'Smith-Johnson',
      phone: '+44 20 7946 0958',
      media_url: 'https://media.example.org/lamp.jpg',
    };
    // Act
    const filed = await postJson(`${V2}/requests.json`, form(contact));
    // Assess
    expect(filed.status).toBe(201);
    const id = filed.body[0].service_request_id as string;
    const report = await staffView(id);
    expect(report).toMatchObject({
      reporterName: 'Alexandria Smith-Johnson',
      reporterPhone: '+44 20 7946 0958',
      reporterEmail: contact.email,
      mediaUrl: 'https://media.example.org/lamp.jpg',
      channel: 'open311',
    });
    // Outside every grid, a grid worker cannot even read the report before it is dispatched to them.
    const grid = await call('GET', `/v1/communities/${J}/feedback/${id}`, { token: await signIn('grid-zhang') });
    expect(grid.status).toBe(404);
    // The grid's worker, before the report is dispatched to them, sees the link but not how to reach the reporter.
    const inGrid = await postJson(`${V2}/requests.json`, form({ ...contact, lat: '', long: '', address_id: 'chy-b3' }));
    const seenByGrid = await call('GET', `/v1/communities/${J}/feedback/${inGrid.body[0].service_request_id}`, {
      token: await signIn('grid-zhang'),
    });
    expect(seenByGrid.status).toBe(200);
    expect(seenByGrid.body.report).toMatchObject({
      reporterPhone: null,
      reporterEmail: null,
      mediaUrl: 'https://media.example.org/lamp.jpg',
    });
    for (const answer of [
      await getJson(`${V2}/requests/${id}.json?jurisdiction_id=${J}`),
      await getXml(`${V2}/requests/${id}.xml?jurisdiction_id=${J}`),
      await getJson(`${V2}/requests.json?jurisdiction_id=${J}&service_request_id=${id}`),
    ])
      for (const secret of [contact.email, contact.phone, contact.first_name, contact.last_name, 'media.example.org'])
        expect(answer.text).not.toContain(secret);
  });

  it('validates attribute[code] against the service definition, naming the attribute', async () => {
    const leak = (over: Record<string, string | string[]>) =>
      postJson(`${V2}/requests.json`, form({ service_code: 'leak', ...over }));
    const missing = await leak({});
    const notListed = await leak({ 'attribute[leak_place]': 'roof' });
    const unknown = await leak({ 'attribute[leak_place]': 'indoor', 'attribute[colour]': 'red' });
    const good = await leak({ 'attribute[leak_place]': 'stairwell', 'attribute[leak_severity]': 'flow' });
    const many = await postJson(
      `${V2}/requests.json`,
      form({ service_code: 'noise', 'attribute[noise_time][]': ['night', 'morning'] }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body[0].description).toMatch(/^attribute\[leak_place\]: /);
    expect(notListed.status).toBe(400);
    expect(notListed.body[0].description).toMatch(/^attribute\[leak_place\]: /);
    expect(unknown.status).toBe(400);
    expect(unknown.body[0].description).toMatch(/^attribute\[colour\]: /);
    expect(good.status).toBe(201);
    expect((await staffView(good.body[0].service_request_id)).details).toEqual([
      { code: 'leak_place', label: '漏水位置', value: '楼道' },
      { code: 'leak_severity', label: '漏水程度', value: '流水' },
    ]);
    expect(many.status).toBe(201);
    expect((await staffView(many.body[0].service_request_id)).details).toEqual([
      { code: 'noise_time', label: '时段', value: '夜间（22点后）、清晨（6点前）' },
    ]);
  });
});

describe('GET service requests', () => {
  const ids: string[] = [];
  const list = (query: string) => getJson(`${V2}/requests.json?jurisdiction_id=${J}&${query}`);
  const idsOf = (body: { service_request_id: string }[]) => body.map((r) => r.service_request_id);

  beforeAll(async () => {
    for (const code of ['pets', 'pets', 'drain']) {
      const res = await postJson(`${V2}/requests.json`, form({ service_code: code }));
      expect(res.status).toBe(201);
      ids.push(res.body[0].service_request_id);
    }
  });

  it('answers the same requests in JSON and in <service_requests><request>, with the spec’s fields', async () => {
    const json = await list('service_code=pets');
    const xml = await getXml(`${V2}/requests.xml?jurisdiction_id=${J}&service_code=pets`);
    expect(json.status).toBe(200);
    expect(idsOf(json.body).slice(0, 2)).toEqual([ids[1], ids[0]]);
    const [first] = xml.doc.service_requests.request;
    expect(Object.keys(first)).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ]);
    expect(first).toMatchObject({
      service_request_id: ids[1],
      status: 'open',
      status_notes: '',
      service_code: 'pets',
      service_name: '宠物',
      lat: '30.2741',
      long: '120.1551',
      media_url: '',
    });
    expect(xml.doc.service_requests.request.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(
      idsOf(json.body),
    );
  });

  it('takes comma-separated service codes, statuses and ids', async () => {
    const codes = await list('service_code=pets,drain');
    const statuses = await list('service_code=pets,drain&status=open,closed');
    const byIds = await list(`service_request_id=${ids[0]},${ids[2]},nosuchrequest&service_code=noise`);
    expect(idsOf(codes.body)).toEqual(expect.arrayContaining(ids));
    expect(codes.body.every((r: { service_code: string }) => ['pets', 'drain'].includes(r.service_code))).toBe(true);
    expect(idsOf(statuses.body)).toEqual(idsOf(codes.body));
    // By id, the other filters do not apply.
    expect(idsOf(byIds.body).sort()).toEqual([ids[0], ids[2]].sort());
  });

  it('counts empty optional parameters as absent', async () => {
    const empty = await list('service_code=pets&status=&start_date=&end_date=&service_request_id=&page=&page_size=');
    expect(empty.status).toBe(200);
    expect(idsOf(empty.body)).toEqual(idsOf((await list('service_code=pets')).body));
  });

  it('never answers a 5xx for a date: out of range is empty, malformed or impossible is a 400 naming it', async () => {
    const future = await list('start_date=9999-12-31T23:59:59Z');
    const futureXml = await getXml(`${V2}/requests.xml?jurisdiction_id=${J}&start_date=9999-12-31T23:59:59Z`);
    const ancient = await list('start_date=0000-01-01T00:00:00Z&end_date=0000-02-01T00:00:00Z');
    const lateEnd = await list('end_date=9999-12-31T23:59:59Z');
    const malformed = await list('end_date=31.12.2026');
    const impossible = await getXml(`${V2}/requests.xml?jurisdiction_id=${J}&start_date=2026-02-30T00:00:00Z`);
    const zoneless = await list('start_date=2026-03-01T00:00:00');
    expect(future).toMatchObject({ status: 200, body: [] });
    expect(futureXml.status).toBe(200);
    expect(futureXml.text).toBe('<?xml version="1.0" encoding="UTF-8"?><service_requests/>');
    expect(ancient).toMatchObject({ status: 200, body: [] });
    expect(lateEnd).toMatchObject({ status: 200, body: [] });
    expect(malformed.status).toBe(400);
    expect(malformed.body[0].description).toMatch(/^query\.end_date: /);
    expect(impossible.status).toBe(400);
    expect(impossible.doc.errors.error[0].description).toMatch(/^query\.start_date: /);
    expect(zoneless.status).toBe(400);
  });

  it('answers a page at a time: page_size up to 200, page × page_size up to 1,000', async () => {
    const first = await list('service_code=pets,drain&page_size=2');
    const second = await list('service_code=pets,drain&page_size=2&page=2');
    const tooFar = await list('page_size=200&page=6');
    const tooBig = await list('page_size=201');
    expect(first.body).toHaveLength(2);
    expect(idsOf(first.body)).toEqual([ids[2], ids[1]]);
    expect(idsOf(second.body)[0]).toBe(ids[0]);
    expect(tooFar.status).toBe(400);
    expect(tooFar.body[0].description).toMatch(/^query\.page: /);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body[0].description).toMatch(/^query\.page_size: /);
  });

  it('reads a page with one key query per queue, whatever the page size', async () => {
    const open = await fetch(`${inject('apiUrl')}${V2}/requests.json?jurisdiction_id=${J}&status=open&page_size=200`);
    const both = await fetch(`${inject('apiUrl')}${V2}/requests.json?jurisdiction_id=${J}&page_size=200`);
    // The community (one query of its partition), then the open queue; with no status, the done queue beside it.
    expect(open.status).toBe(200);
    expect(open.headers.get('x-linli-dynamodb-commands')).toBe('Query*2');
    expect(both.headers.get('x-linli-dynamodb-commands')).toBe('Query*3');
  });
});

describe('GET a service request', () => {
  it('answers one request as a list of one, and an unknown one 404, in both formats', async () => {
    const filed = await postJson(`${V2}/requests.json`, form());
    const id = filed.body[0].service_request_id as string;
    const json = await getJson(`${V2}/requests/${id}.json?jurisdiction_id=${J}`);
    const xml = await getXml(`${V2}/requests/${id}.xml?jurisdiction_id=${J}`);
    const missing = await getXml(`${V2}/requests/nosuchrequest.xml?jurisdiction_id=${J}`);
    const elsewhere = await getJson(`${V2}/requests/${id}.json?jurisdiction_id=fengqiao`);
    expect(json.body).toHaveLength(1);
    expect(xml.doc.service_requests.request).toHaveLength(1);
    expect(xml.doc.service_requests.request[0]).toMatchObject({
      service_request_id: id,
      requested_datetime: json.body[0].requested_datetime,
      lat: '30.2741',
    });
    expect(missing.status).toBe(404);
    expect(missing.doc.errors.error[0]).toEqual({ code: '404', description: expect.stringContaining('nosuchrequest') });
    expect(elsewhere.status).toBe(404);
  });
});

describe('paths the specification does not have', () => {
  it('answers 404 in Open311’s error shape, in the format the extension asks (JSON by default)', async () => {
    const xml = await getXml(`${V2}/nothing.xml`);
    const json = await getJson(`${V2}/nothing.json`);
    const bare = await getJson(`${V2}/nothing`);
    const token = await getJson(`${V2}/tokens/abc123.json?jurisdiction_id=${J}`);
    const posted = await getXml(`${V2}/services.xml`, 'POST', { jurisdiction_id: J });
    const otherFormat = await getJson(`${V2}/services/leak.html?jurisdiction_id=${J}`);
    expect(otherFormat.status).toBe(404);
    expect(otherFormat.body).toEqual([{ code: 404, description: expect.stringContaining('.json') }]);
    expect(xml.status).toBe(404);
    expect(xml.doc.errors.error).toEqual([
      { code: '404', description: expect.stringContaining('/open311/v2/nothing.xml') },
    ]);
    for (const res of [json, bare, token]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual([{ code: 404, description: expect.any(String) }]);
    }
    expect(posted.status).toBe(404);
    expect(posted.doc.errors.error[0].code).toBe('404');
  });
});
