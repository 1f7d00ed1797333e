/**
 * An Open311 client files a service request: it becomes a report through the
 * same submission path as the app's, with channel 'open311'.
 */
import { createHash } from 'node:crypto';
import { ForbiddenError, type Open311CreateBody, type SubmitFeedbackBody, ValidationError } from '@linli/shared';
import type * as z from 'zod';
import type { Idempotency } from '../../data/idempotency.js';
import type { Actor } from '../feedback/deps.js';
import { file } from '../feedback/submit.js';
import type { Open311Deps } from './deps.js';
import { jurisdiction } from './jurisdiction.js';

type CreateBody = z.output<typeof Open311CreateBody>;

/** The key presented must be one this jurisdiction issued. */
async function verifiedKey(
  deps: Pick<Open311Deps, 'open311Keys'>,
  body: { jurisdiction_id: string; api_key?: string },
) {
  const key = body.api_key ? await deps.open311Keys.find(body.api_key) : undefined;
  if (!key || key.communityId !== body.jurisdiction_id)
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
function idempotencyOf(keyId: string, body: CreateBody): Idempotency {
  const { api_key: _secret, ...fields } = body;
  const digest = createHash('sha256')
    .update(JSON.stringify({ jurisdiction: body.jurisdiction_id, keyId, fields }))
    .digest('base64url');
  return { scope: `open311-${keyId}`, key: digest, fingerprint: digest };
}

export async function createOpen311Request(deps: Open311Deps, body: CreateBody) {
  const key = await verifiedKey(deps, body);
  const community = await jurisdiction(deps, body.jurisdiction_id);
  // Checked here first so a refusal names the Open311 field, not our own.
  if (!community.settings.feedback.categories.some((c) => c.category === body.service_code && c.enabled))
    throw new ValidationError([{ field: 'body.service_code', message: '该社区没有这个服务代码' }]);
  const building = community.buildings.find((b) => b.buildingId === body.address_id);
  if (!building) throw new ValidationError([{ field: 'body.address_id', message: '该社区没有这个楼栋' }]);

  const actor: Actor = { userId: `open311-${key.keyId}`, name: '开放接口', roles: [], gridIds: [] };
  const submission: SubmitFeedbackBody = {
    category: body.service_code,
    description: body.description,
    photos: [],
    location: {
      estateId: building.estateId,
      buildingId: building.buildingId,
      unit: null,
      detail: body.address_string ?? '',
    },
    anonymous: true,
    channel: 'app',
  };
  const reporterName = `${body.last_name ?? ''}${body.first_name ?? ''}`.trim() || '开放接口来访者';
  const { report } = await file(
    deps,
    actor,
    community.communityId,
    submission,
    { reporterId: null, reporterName, reporterPhone: body.phone ?? null, anonymous: true, channel: 'open311' },
    idempotencyOf(key.keyId, body),
  );
  return [{ service_request_id: report.reportId, service_notice: null, account_id: null }];
}
