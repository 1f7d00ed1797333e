import { reserveRewards } from '../../domain/points/redeem.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';
import { residentOf } from './resident.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/redemptions',
  async ({ caller, params, body, idempotency }) =>
    reserveRewards(deps(), await residentOf(caller.userId), params.communityId, body, idempotency),
);
