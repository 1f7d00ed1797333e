/** Street bulletins: thin handlers over `domain/bulletins/street.ts`. */
import { UnauthorizedError } from '@linli/shared';
import type { StreetMembershipRecord } from '../../data/streets.js';
import { access } from '../../deps.js';
import {
  createStreetBulletin,
  listStreetBulletins,
  moveStreetBulletin,
  readStreetBulletin,
  type StreetEditor,
  streetAudience,
  streetBulletinView,
  updateStreetBulletin,
} from '../../domain/bulletins/street.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

async function editorOf(userId: string, membership: StreetMembershipRecord): Promise<StreetEditor> {
  const profile = await access().profile(userId);
  if (!profile) throw new UnauthorizedError('USER_GONE', '账号已注销，请重新登录');
  return { userId, name: profile.nickname, openid: profile.openid, roles: membership.roles };
}

export const streetList = defineRoute(
  'GET /v1/streets/{streetId}/bulletins',
  async ({ caller, streetMembership, params, query }) =>
    listStreetBulletins(deps(), await editorOf(caller.userId, streetMembership), params.streetId, query),
);

export const streetAudienceChoices = defineRoute('GET /v1/streets/{streetId}/bulletins/audience', async ({ params }) =>
  streetAudience(deps(), params.streetId),
);

export const streetCreate = defineRoute(
  'POST /v1/streets/{streetId}/bulletins',
  async ({ caller, streetMembership, params, body, idempotency }) => {
    const editor = await editorOf(caller.userId, streetMembership);
    const created = await createStreetBulletin(deps(), editor, params.streetId, body, idempotency);
    return streetBulletinView(deps(), editor, params.streetId, created);
  },
);

export const streetGet = defineRoute(
  'GET /v1/streets/{streetId}/bulletins/{bulletinId}',
  async ({ caller, streetMembership, params }) =>
    readStreetBulletin(deps(), await editorOf(caller.userId, streetMembership), params.streetId, params.bulletinId),
);

export const streetUpdate = defineRoute(
  'PUT /v1/streets/{streetId}/bulletins/{bulletinId}',
  async ({ caller, streetMembership, params, body }) => {
    const editor = await editorOf(caller.userId, streetMembership);
    const saved = await updateStreetBulletin(deps(), editor, params.streetId, params.bulletinId, body);
    return streetBulletinView(deps(), editor, params.streetId, saved);
  },
);

/** A move of the lifecycle (shared/src/bulletins/lifecycle.ts), at the street. */
async function move(
  caller: { userId: string },
  membership: StreetMembershipRecord,
  params: { streetId: string; bulletinId: string },
  name: 'submit' | 'approve' | 'reject' | 'withdraw',
  reason?: string,
) {
  const editor = await editorOf(caller.userId, membership);
  const moved = await moveStreetBulletin(deps(), editor, params.streetId, params.bulletinId, name, reason);
  return streetBulletinView(deps(), editor, params.streetId, moved);
}

export const streetSubmit = defineRoute(
  'POST /v1/streets/{streetId}/bulletins/{bulletinId}/submit',
  async ({ caller, streetMembership, params }) => move(caller, streetMembership, params, 'submit'),
);
export const streetApprove = defineRoute(
  'POST /v1/streets/{streetId}/bulletins/{bulletinId}/approve',
  async ({ caller, streetMembership, params }) => move(caller, streetMembership, params, 'approve'),
);
export const streetWithdraw = defineRoute(
  'POST /v1/streets/{streetId}/bulletins/{bulletinId}/withdraw',
  async ({ caller, streetMembership, params }) => move(caller, streetMembership, params, 'withdraw'),
);
export const streetReject = defineRoute(
  'POST /v1/streets/{streetId}/bulletins/{bulletinId}/reject',
  async ({ caller, streetMembership, params, body }) => move(caller, streetMembership, params, 'reject', body.reason),
);
