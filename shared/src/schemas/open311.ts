/**
 * Open311 GeoReport v2 over the feedback box, in JSON and XML (the same
 * shapes: the XML writer names the elements). Field names follow the
 * specification, hence snake_case. An empty optional parameter (`status=`)
 * counts as absent, as clients send them.
 */
import * as z from 'zod';
import { ATTRIBUTE_DATATYPES } from '../feedback/attributes.js';
import { Id } from './common.js';

/** `status=` is no filter at all. */
const absent = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(absent, schema.optional());

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;

/**
 * An ISO 8601 time with its zone (as the specification demands) naming a real
 * instant: no 30 February, no 24:61 (the platform's parser would roll them over).
 */
export function isIsoDateTimeWithZone(value: string): boolean {
  const m = ISO_WITH_ZONE.exec(value);
  if (!m) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, zoneHours = 0, zoneMinutes = 0] = m
    .slice(1)
    .map((part) => Number(part ?? 0));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    zoneHours < 24 &&
    zoneMinutes < 60 &&
    !Number.isNaN(Date.parse(value))
  );
}

const DateTime = z.string().refine(isIsoDateTimeWithZone, {
  error: '须为带时区、真实存在的 ISO 8601 时间，如 2026-03-06T08:00:00+08:00',
});

const list = (item: string, message: string) =>
  z
    .string()
    .max(4000)
    .regex(new RegExp(`^${item}(,${item})*$`), { error: message });

const SERVICE_CODE = '[a-z][a-z0-9_]{1,30}';

/**
 * The jurisdiction: one community. Any bounded text, so an unknown one is the
 * specification's 404, not a 400; it is required, as this server serves many.
 */
export const JurisdictionId = z
  .string({ error: '缺少 jurisdiction_id' })
  .trim()
  .min(1, { error: '缺少 jurisdiction_id' })
  .max(64, { error: 'jurisdiction_id 最多 64 个字符' });

export const Open311Jurisdiction = z.object({ jurisdiction_id: z.preprocess(absent, JurisdictionId) });

export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  /** True exactly where the service definition has attributes. */
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
export const Open311Services = z.array(Open311Service);

/**
 * A path segment naming a resource and its format, `leak.xml`: API Gateway
 * takes a parameter only as a whole segment, so the handler splits it
 * (`open311File`); any other extension is the specification's 404.
 */
const FileName = z.string().max(80, { error: '路径过长' });

export const Open311ServiceFile = z.object({ serviceFile: FileName });

export const Open311AttributeValue = z.object({ key: z.string(), name: z.string() });
export const Open311Attribute = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(ATTRIBUTE_DATATYPES),
  required: z.boolean(),
  datatype_description: z.string().nullable(),
  order: z.number().int(),
  description: z.string(),
  values: z.array(Open311AttributeValue),
});
export const Open311ServiceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(Open311Attribute),
});

/** The extension most GeoReport v2 servers take for paging (`page` from 1, `page_size`). */
export const OPEN311_PAGE_SIZE = { default: 50, max: 200 } as const;
/** The specification's recommended cap on what one query may reach: page × page_size. */
export const OPEN311_MAX_RESULTS = 1000;

const PositiveInt = (label: string, max: number) =>
  z.coerce
    .number({ error: `${label}须为数字` })
    .int({ error: `${label}须为整数` })
    .min(1, { error: `${label}至少为 1` })
    .max(max, { error: `${label}最多为 ${max}` });

export const Open311RequestsQuery = z.object({
  jurisdiction_id: z.preprocess(absent, JurisdictionId),
  service_request_id: optional(list('[A-Za-z0-9_-]{1,64}', '须为以逗号分隔的编号')),
  service_code: optional(list(SERVICE_CODE, '须为以逗号分隔的服务代码')),
  start_date: optional(DateTime),
  end_date: optional(DateTime),
  status: optional(list('(open|closed)', '状态须为 open、closed 或以逗号分隔的二者')),
  page: optional(PositiveInt('page ', OPEN311_MAX_RESULTS)).default(1),
  page_size: optional(PositiveInt('page_size ', OPEN311_PAGE_SIZE.max)).default(OPEN311_PAGE_SIZE.default),
});

export const Open311RequestFile = z.object({ requestFile: FileName });

/** `leak.xml` → `leak` and `xml`; undefined for a name without `.json` or `.xml`. */
export function open311File(name: string): { name: string; format: 'json' | 'xml' } | undefined {
  const match = /^(.+)\.(json|xml)$/i.exec(name);
  return match ? { name: match[1] as string, format: (match[2] as string).toLowerCase() as 'json' | 'xml' } : undefined;
}

/** jurisdiction_id and api_key may come in the query string as well as the form (they must agree). */
export const Open311CreateQuery = z.object({
  jurisdiction_id: optional(JurisdictionId),
  api_key: optional(z.string().max(128, { error: 'api_key 过长' })),
});

const Coordinate = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, { error: `${label}须为十进制数` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${label}须在 ${min} 到 ${max} 之间` });

const MAX_ATTRIBUTES = 50;

/** `attribute[code]=v` and `attribute[code][]=v` form fields, gathered into `attribute: { code: v | v[] }`. */
export function gatherAttributes(form: unknown): unknown {
  if (typeof form !== 'object' || form === null || Array.isArray(form)) return form;
  const out: Record<string, unknown> = {};
  const attribute: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    const match = /^attribute\[([^\][]{1,64})\](\[\])?$/.exec(name);
    if (!match) {
      // A bare `attribute` is not the specification's `attribute[code]`: nothing to keep.
      if (name !== 'attribute') out[name] = value;
      continue;
    }
    const code = match[1] as string;
    const values = ([] as unknown[]).concat(value).map(String);
    attribute[code] = match[2] ? values : (values.at(-1) ?? '');
  }
  if (Object.keys(attribute).length) out.attribute = attribute;
  return out;
}

export const Open311CreateBody = z.preprocess(
  gatherAttributes,
  z
    .object({
      jurisdiction_id: optional(JurisdictionId),
      // Optional here so a missing key is the specification's 403, not a 400.
      api_key: optional(z.string().max(128, { error: 'api_key 过长' })),
      service_code: z.preprocess(
        absent,
        z.string({ error: '缺少 service_code' }).regex(new RegExp(`^${SERVICE_CODE}$`), { error: '服务代码不正确' }),
      ),
      lat: optional(Coordinate('lat ', -90, 90)),
      long: optional(Coordinate('long ', -180, 180)),
      address_string: optional(z.string().trim().max(200, { error: 'address_string 最多 200 个字' })),
      /** Our building id (an address_id a client learns from an earlier request). */
      address_id: optional(Id),
      description: optional(z.string().trim().max(4000, { error: 'description 最多 4000 个字' })),
      email: optional(z.email({ error: 'email 格式不正确' }).max(254, { error: 'email 过长' })),
      first_name: optional(z.string().trim().max(50, { error: 'first_name 最多 50 个字' })),
      last_name: optional(z.string().trim().max(50, { error: 'last_name 最多 50 个字' })),
      phone: optional(z.string().trim().max(30, { error: 'phone 最多 30 个字符' })),
      media_url: optional(
        z
          .url({ protocol: /^https?$/, error: 'media_url 须为 http 或 https 网址' })
          .max(2048, { error: 'media_url 过长' }),
      ),
      device_id: optional(z.string().max(128)),
      account_id: optional(z.string().max(128)),
      attribute: z
        .record(z.string(), z.union([z.string().max(4000), z.array(z.string().max(4000)).max(MAX_ATTRIBUTES)]))
        .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, { error: `最多 ${MAX_ATTRIBUTES} 项 attribute` })
        .optional(),
    })
    .strip()
    .superRefine((b, ctx) => {
      if ((b.lat === undefined) !== (b.long === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [b.lat === undefined ? 'lat' : 'long'],
          message: 'lat 与 long 须同时提供',
        });
    }),
);

export const Open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export const Open311Requests = z.array(Open311Request);
export const Open311Created = z.array(
  z.object({
    service_request_id: z.string(),
    service_notice: z.string().nullable(),
    account_id: z.string().nullable(),
  }),
);
export const Open311Discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});

/** What an unknown path under /open311/v2 answers (always the specification's 404). */
export const Open311Errors = z.array(z.object({ code: z.number().int(), description: z.string() }));
