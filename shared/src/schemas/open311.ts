/**
 * Open311 GeoReport v2 over the feedback box (JSON only). Field names follow
 * the specification, hence snake_case.
 */
import * as z from 'zod';
import { Id } from './common.js';

const DateTime = z.iso.datetime({ offset: true, error: '须为 ISO 8601 时间，如 2026-03-06T08:00:00+08:00' });

export const Open311Jurisdiction = z.object({ jurisdiction_id: Id });

export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.literal(false),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
export const Open311Services = z.array(Open311Service);

export const Open311RequestsQuery = z.object({
  jurisdiction_id: Id,
  service_request_id: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/, { error: '须为以逗号分隔的编号' })
    .optional(),
  service_code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,30}$/, { error: '服务代码不正确' })
    .optional(),
  start_date: DateTime.optional(),
  end_date: DateTime.optional(),
  status: z
    .string()
    .regex(/^(open|closed)(,(open|closed))?$/, { error: '状态须为 open 或 closed' })
    .optional(),
});

export const Open311RequestPath = z.object({ requestId: Id });

export const Open311CreateBody = z
  .object({
    jurisdiction_id: Id,
    // Optional here so a missing key is the specification's 403, not a 400.
    api_key: z.string().max(128).optional(),
    service_code: z.string({ error: '缺少 service_code' }).regex(/^[a-z][a-z0-9_]{1,30}$/, { error: '服务代码不正确' }),
    description: z
      .string({ error: '缺少 description' })
      .trim()
      .min(5, { error: '描述至少 5 个字' })
      .max(500, { error: '描述最多 500 个字' }),
    /** Our building id: the location Open311 clients must give here. */
    address_id: Id,
    address_string: z.string().trim().max(50).optional(),
    first_name: z.string().trim().max(10).optional(),
    last_name: z.string().trim().max(10).optional(),
    phone: z
      .string()
      .regex(/^1\d{10}$/, { error: '手机号须为 11 位数字' })
      .optional(),
    lat: z.string().optional(),
    long: z.string().optional(),
  })
  .strip();

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
