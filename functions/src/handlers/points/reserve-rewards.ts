import { reserveRewards } from '../../domain/points/redeem.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/redemptions',
  async ({ caller, params, body, idempotency }) =>
    reserveRewards(deps(), caller.userId, params.communityId, body, idempotency),
);
