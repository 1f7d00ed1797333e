/**
 * An Open311 client files a service request: it becomes a report through the
 * same submission path as the app's, with channel 'open311'. The place may be
 * a point (lat/long), a description (address_string) or one of our buildings
 * (address_id), any one of them; a point outside every estate has no grid and
 * waits in the community's own queue for an admin to dispatch.
 */
import { createHash } from 'node:crypto';
import {
  attributesOf,
  ForbiddenError,
  type Open311CreateBody,
  type Open311CreateQuery,
  ValidationError,
} from '@linli/shared';
import type * as z from 'zod';
import type { Idempotency } from '../../data/idempotency.js';
import type { Actor } from '../feedback/deps.js';
import { type Filing, file } from '../feedback/submit.js';
import { checkAttributes } from './attributes.js';
import type { Open311Deps } from './deps.js';
import { jurisdiction } from './jurisdiction.js';
import { serviceOf } from './services.js';

type CreateBody = z.output<typeof Open311CreateBody>;
type CreateQuery = z.output<typeof Open311CreateQuery>;

/** The value of a parameter a client may send in the query string or the form; both must agree. */
export function eitherPart(name: string, query: string | undefined, body: string | undefined): string | undefined {
  if (query !== undefined && body !== undefined && query !== body)
    throw new ValidationError([{ field: `query.${name}`, message: `查询参数与表单中的 ${name} 不一致` }]);
  return query ?? body;
}

/** The key presented must be one this jurisdiction issued. */
async function verifiedKey(deps: Pick<Open311Deps, 'open311Keys'>, jurisdictionId: string, apiKey: string | undefined) {
  const key = apiKey ? await deps.open311Keys.find(apiKey) : undefined;
  if (!key || key.communityId !== jurisdictionId)
    throw new ForbiddenError('OPEN311_KEY_INVALID', 'api_key 无效，或不属于该 jurisdiction_id');
  return key;
}

/**
 * Open311 has no Idempotency-Key header, so the request itself is the key: a
 * hash of the jurisdiction, the API key's id and the form's fields. A client
 * retrying the same POST within the retention window (30 days) gets the same
 * service_request_id; the price is that two identical reports through one key
 * in that window are one report.
 */
function idempotencyOf(keyId: string, jurisdictionId: string, body: CreateBody): Idempotency {
  const { api_key: _secret, jurisdiction_id: _given, ...fields } = body;
  const digest = createHash('sha256')
    .update(JSON.stringify({ jurisdiction: jurisdictionId, keyId, fields }))
    .digest('base64url');
  return { scope: `open311-${keyId}`, key: digest, fingerprint: digest };
}

/** 李明 (family name first, no space), or "Ada Lovelace" for names in Latin letters. */
export function nameOf(first: string | undefined, last: string | undefined): string {
  const parts = [first, last].filter((p): p is string => Boolean(p));
  if (!parts.length) return '开放接口来访者';
  return parts.every((p) => /^[\x20-\x7e]+$/.test(p)) ? parts.join(' ') : `${last ?? ''}${first ?? ''}`;
}

export async function createOpen311Request(deps: Open311Deps, query: CreateQuery, body: CreateBody) {
  const jurisdictionId = eitherPart('jurisdiction_id', query.jurisdiction_id, body.jurisdiction_id);
  if (!jurisdictionId) throw new ValidationError([{ field: 'body.jurisdiction_id', message: '缺少 jurisdiction_id' }]);
  const apiKey = eitherPart('api_key', query.api_key, body.api_key);
  const community = await jurisdiction(deps, jurisdictionId);
  const key = await verifiedKey(deps, community.communityId, apiKey);
  // Checked here first so a refusal names the Open311 field, not our own.
  const service = serviceOf(community, body.service_code);
  const point = body.lat !== undefined && body.long !== undefined ? { lat: body.lat, long: body.long } : null;
  if (!point && body.address_string === undefined && body.address_id === undefined)
    throw new ValidationError([
      { field: 'body.lat', message: '须提供位置：lat 与 long、address_string 或 address_id 之一' },
    ]);
  const building = body.address_id ? community.buildings.find((b) => b.buildingId === body.address_id) : undefined;
  if (body.address_id && !building)
    throw new ValidationError([{ field: 'body.address_id', message: '该社区没有这个楼栋' }]);
  const details = checkAttributes(attributesOf(service.category), body.attribute);

  const actor: Actor = { userId: `open311-${key.keyId}`, name: '开放接口', roles: [], gridIds: [] };
  const filing: Filing = {
    category: service.category,
    // Optional in Open311; the report's own pages say 未填写描述 when it is empty.
    description: body.description ?? '',
    photos: [],
    location: {
      estateId: building?.estateId ?? null,
      buildingId: building?.buildingId ?? null,
      unit: null,
      detail: body.address_string ?? '',
      point,
    },
  };
  const reporterName = nameOf(body.first_name, body.last_name);
  const { report } = await file(
    deps,
    actor,
    community.communityId,
    filing,
    {
      reporterId: null,
      reporterName,
      reporterPhone: body.phone ?? null,
      reporterEmail: body.email ?? null,
      mediaUrl: body.media_url ?? null,
      details,
      anonymous: true,
      channel: 'open311',
    },
    idempotencyOf(key.keyId, community.communityId, body),
  );
  return [{ service_request_id: report.reportId, service_notice: null, account_id: null }];
}
