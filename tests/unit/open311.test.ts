/**
 * The pure parts of Open311 GeoReport v2: reading parameters as clients send
 * them, checking attribute answers against a service definition, the request
 * window and page, and the XML the specification names.
 */
import {
  attributesOf,
  isIsoDateTimeWithZone,
  Open311CreateBody,
  Open311RequestsQuery,
  ValidationError,
} from '@linli/shared';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { checkAttributes } from '../../functions/src/domain/open311/attributes.js';
import { eitherPart } from '../../functions/src/domain/open311/create.js';
import { listParam, pageOf, window } from '../../functions/src/domain/open311/requests.js';
import { writeOpen311Xml } from '../../functions/src/handlers/open311/xml.js';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.details?.[0]?.field;
    throw error;
  }
  return undefined;
};

describe('reading GET requests parameters', () => {
  it('counts an empty optional parameter as absent', () => {
    const q = Open311RequestsQuery.parse({ jurisdiction_id: 'chunhui', status: '', service_code: '', start_date: '' });
    expect(q).toEqual({ jurisdiction_id: 'chunhui', page: 1, page_size: 50 });
  });

  it('takes comma-separated lists of service codes, statuses and ids', () => {
    const q = Open311RequestsQuery.parse({
      jurisdiction_id: 'chunhui',
      service_code: 'noise,leak',
      status: 'open,closed',
      service_request_id: 'a1,b2',
    });
    expect(listParam(q.service_code)).toEqual(['noise', 'leak']);
    expect(listParam(q.status)).toEqual(['open', 'closed']);
    expect(listParam('a,b,a')).toEqual(['a', 'b']);
    expect(listParam(undefined)).toBeUndefined();
  });

  it('refuses a malformed list, a date without its zone, a date that does not exist, naming the parameter', () => {
    const paths = (input: Record<string, string>) =>
      Open311RequestsQuery.safeParse({ jurisdiction_id: 'chunhui', ...input }).error?.issues.map((i) => i.path[0]);
    expect(paths({ status: 'open,' })).toEqual(['status']);
    expect(paths({ service_code: 'Noise' })).toEqual(['service_code']);
    expect(paths({ start_date: '2026-03-01T08:00:00' })).toEqual(['start_date']);
    expect(paths({ end_date: '2026-02-30T08:00:00Z' })).toEqual(['end_date']);
    expect(paths({ start_date: 'yesterday' })).toEqual(['start_date']);
    expect(paths({ page_size: '201' })).toEqual(['page_size']);
    expect(paths({ page: '0' })).toEqual(['page']);
  });

  it('knows a real instant: leap days, the years 0000 and 9999, zones; not 30 February or 24:00', () => {
    for (const ok of [
      '2028-02-29T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999+08:00',
      '2026-03-06T08:00+0800',
    ])
      expect(isIsoDateTimeWithZone(ok), ok).toBe(true);
    for (const bad of [
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-03-06T24:00:00Z',
      '2026-03-06T08:00:00',
      '2026-03-06',
    ])
      expect(isIsoDateTimeWithZone(bad), bad).toBe(false);
  });

  it('requires a jurisdiction, but takes any bounded text so an unknown one can be a 404', () => {
    expect(Open311RequestsQuery.safeParse({}).error?.issues[0]?.path).toEqual(['jurisdiction_id']);
    expect(Open311RequestsQuery.safeParse({ jurisdiction_id: '' }).error?.issues[0]?.path).toEqual(['jurisdiction_id']);
    expect(Open311RequestsQuery.parse({ jurisdiction_id: 'no such place!' }).jurisdiction_id).toBe('no such place!');
  });
});

describe('the window and page of a requests query', () => {
  const now = new Date('2026-12-03T00:00:00.000Z');

  it('defaults to the last 90 days, or 90 days from a start or up to an end', () => {
    expect(window({}, now)).toEqual({ start: '2026-09-04T00:00:00.000Z', end: '2026-12-03T00:00:00.000Z' });
    expect(window({ start_date: '2026-10-01T08:00:00+08:00' }, now)).toEqual({
      start: '2026-10-01T00:00:00.000Z',
      end: '2026-12-30T00:00:00.000Z',
    });
    expect(window({ end_date: '2026-06-01T00:00:00Z' }, now)).toEqual({
      start: '2026-03-03T00:00:00.000Z',
      end: '2026-06-01T00:00:00.000Z',
    });
  });

  it('answers nothing for a window wholly in the future, and clamps what a key cannot hold', () => {
    expect(window({ start_date: '9999-12-31T23:59:59Z' }, now)).toBeNull();
    expect(window({ end_date: '0000-01-05T00:00:00Z' }, now)).toEqual({
      start: '0000-01-01T00:00:00.000Z',
      end: '0000-01-05T00:00:00.000Z',
    });
    expect(window({ start_date: '9999-12-01T00:00:00Z' }, new Date('9999-12-31T00:00:00Z'))?.end).toBe(
      '9999-12-31T23:59:59.999Z',
    );
  });

  it('refuses a start after the end and a window wider than 90 days, naming the parameter', () => {
    expect(fieldOf(() => window({ start_date: '2026-05-02T00:00:00Z', end_date: '2026-05-01T00:00:00Z' }, now))).toBe(
      'query.start_date',
    );
    expect(fieldOf(() => window({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }, now))).toBe(
      'query.end_date',
    );
  });

  it('reaches at most 1000 requests: page × page_size', () => {
    expect(pageOf({ page: 1, page_size: 50 })).toEqual({ skip: 0, reach: 50 });
    expect(pageOf({ page: 3, page_size: 200 })).toEqual({ skip: 400, reach: 600 });
    expect(fieldOf(() => pageOf({ page: 6, page_size: 200 }))).toBe('query.page');
  });
});

describe('reading a POST requests form', () => {
  const base = { jurisdiction_id: 'chunhui', service_code: 'leak', lat: '30.25', long: '120.16' };

  it('reads coordinates as numbers, and takes a place by point, address_string or address_id alone', () => {
    expect(Open311CreateBody.parse(base)).toMatchObject({ lat: 30.25, long: 120.16 });
    expect(Open311CreateBody.parse({ service_code: 'leak', address_string: '南门' })).toMatchObject({
      address_string: '南门',
    });
    expect(Open311CreateBody.parse({ service_code: 'leak', address_id: 'chy-b3', lat: '', long: '' })).toEqual({
      service_code: 'leak',
      address_id: 'chy-b3',
    });
  });

  it('refuses coordinates out of range, not numbers, or one without the other', () => {
    const paths = (input: Record<string, string>) =>
      Open311CreateBody.safeParse({ ...base, ...input }).error?.issues.map((i) => i.path[0]);
    expect(paths({ lat: '90.5' })).toEqual(['lat']);
    expect(paths({ long: '-180.01' })).toEqual(['long']);
    expect(paths({ lat: 'north' })).toEqual(['lat']);
    expect(paths({ long: '' })).toEqual(['long']);
    expect(paths({ lat: '-90', long: '180' })).toBeUndefined();
  });

  it('keeps a 4000-character description, contact fields in any format, and an http(s) media_url', () => {
    const body = Open311CreateBody.parse({
      ...base,
      description: '漏'.repeat(4000),
      first_name: 'Alexandria-Catherine',
      phone: '+1 (555) 010-9999',
      email: 'li@example.org',
      media_url: 'https://img.example.org/a.jpg',
    });
    expect(body).toMatchObject({ phone: '+1 (555) 010-9999', first_name: 'Alexandria-Catherine' });
    const paths = (input: Record<string, string>) =>
      Open311CreateBody.safeParse({ ...base, ...input }).error?.issues.map((i) => i.path[0]);
    expect(paths({ description: '漏'.repeat(4001) })).toEqual(['description']);
    expect(paths({ media_url: 'ftp://img.example.org/a.jpg' })).toEqual(['media_url']);
    expect(paths({ email: 'not an address' })).toEqual(['email']);
  });

  it('gathers attribute[code] and attribute[code][] fields into the answers', () => {
    const body = Open311CreateBody.parse({
      ...base,
      'attribute[leak_place]': 'stairwell',
      'attribute[noise_time][]': ['day', 'night'],
      attribute: 'stray',
    });
    expect(body.attribute).toEqual({ leak_place: 'stairwell', noise_time: ['day', 'night'] });
  });

  it('takes jurisdiction_id from the query or the form, refusing two that differ', () => {
    expect(eitherPart('jurisdiction_id', 'chunhui', undefined)).toBe('chunhui');
    expect(eitherPart('jurisdiction_id', undefined, 'chunhui')).toBe('chunhui');
    expect(eitherPart('jurisdiction_id', 'chunhui', 'chunhui')).toBe('chunhui');
    expect(fieldOf(() => eitherPart('jurisdiction_id', 'chunhui', 'fengqiao'))).toBe('query.jurisdiction_id');
  });
});

describe('attribute answers against a service definition', () => {
  it('labels the answers in the questions’ order', () => {
    expect(checkAttributes(attributesOf('leak'), { leak_severity: 'drip', leak_place: 'stairwell' })).toEqual([
      { code: 'leak_place', label: '漏水位置', value: '楼道' },
      { code: 'leak_severity', label: '漏水程度', value: '滴水' },
    ]);
    expect(checkAttributes(attributesOf('noise'), { noise_time: ['night', 'day', 'night'] })).toEqual([
      { code: 'noise_time', label: '时段', value: '夜间（22点后）、白天' },
    ]);
    expect(checkAttributes(attributesOf('noise'), {})).toEqual([]);
  });

  it('refuses a missing required answer, one outside the list, a wrong datatype or an unknown code, naming it', () => {
    expect(fieldOf(() => checkAttributes(attributesOf('leak'), {}))).toBe('attribute[leak_place]');
    expect(fieldOf(() => checkAttributes(attributesOf('leak'), { leak_place: '  ' }))).toBe('attribute[leak_place]');
    expect(fieldOf(() => checkAttributes(attributesOf('leak'), { leak_place: 'roof' }))).toBe('attribute[leak_place]');
    expect(fieldOf(() => checkAttributes(attributesOf('leak'), { leak_place: ['indoor', 'outdoor'] }))).toBe(
      'attribute[leak_place]',
    );
    expect(fieldOf(() => checkAttributes(attributesOf('parking'), { parking_since: 'last week' }))).toBe(
      'attribute[parking_since]',
    );
    expect(fieldOf(() => checkAttributes(attributesOf('parking'), { parking_plate: '浙'.repeat(31) }))).toBe(
      'attribute[parking_plate]',
    );
    expect(fieldOf(() => checkAttributes(attributesOf('other'), { color: 'red' }))).toBe('attribute[color]');
  });

  it('keeps a time as the instant it names', () => {
    expect(checkAttributes(attributesOf('parking'), { parking_since: '2026-03-06T08:00:00+08:00' })).toEqual([
      { code: 'parking_since', label: '从何时停在此处', value: '2026-03-06T00:00:00.000Z' },
    ]);
  });
});

describe('the XML the specification names', () => {
  const parser = new XMLParser({
    parseTagValue: false,
    isArray: (name) => ['service', 'value', 'error'].includes(name),
  });

  it('starts with the UTF-8 declaration and wraps a list in its plural element', () => {
    const xml = writeOpen311Xml(
      [
        { service_code: 'leak', metadata: true },
        { service_code: 'noise', metadata: false },
      ],
      { root: 'services', item: 'service' },
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><services><service>')).toBe(true);
    expect(parser.parse(xml).services.service).toEqual([
      { service_code: 'leak', metadata: 'true' },
      { service_code: 'noise', metadata: 'false' },
    ]);
  });

  it('names nested lists attributes/attribute and values/value, and writes null as an empty element', () => {
    const xml = writeOpen311Xml(
      {
        service_code: 'leak',
        attributes: [{ code: 'leak_place', datatype_description: null, values: [{ key: 'indoor', name: '室内' }] }],
      },
      { root: 'service_definition' },
    );
    expect(parser.parse(xml).service_definition).toEqual({
      service_code: 'leak',
      attributes: {
        attribute: {
          code: 'leak_place',
          datatype_description: '',
          values: { value: [{ key: 'indoor', name: '室内' }] },
        },
      },
    });
  });

  it('escapes markup and drops the characters XML 1.0 cannot hold', () => {
    const xml = writeOpen311Xml([{ code: 400, description: 'a < b & "c"\u0000\u0007 end' }], {
      root: 'errors',
      item: 'error',
    });
    expect(parser.parse(xml).errors.error).toEqual([{ code: '400', description: 'a < b & "c" end' }]);
  });

  it('writes an empty list as an empty root', () => {
    expect(writeOpen311Xml([], { root: 'service_requests', item: 'request' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><service_requests/>',
    );
  });
});
