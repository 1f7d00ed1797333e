import { redeemAtCounter } from '../../domain/points/redeem.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/redemptions/counter',
  async ({ caller, membership, params, body, idempotency }) =>
    redeemAtCounter(deps(), { userId: caller.userId, membership }, params.communityId, body, idempotency),
);
