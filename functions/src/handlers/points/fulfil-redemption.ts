import { fulfilRedemption } from '../../domain/points/redeem.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/redemptions/fulfil',
  async ({ caller, membership, params, body, idempotency }) =>
    fulfilRedemption(deps(), { userId: caller.userId, membership }, params.communityId, body, idempotency),
);
