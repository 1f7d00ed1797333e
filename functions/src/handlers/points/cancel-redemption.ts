import { cancelRedemption } from '../../domain/points/redeem.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/redemptions/{redemptionId}/cancel',
  async ({ caller, params, body, idempotency }) =>
    cancelRedemption(deps(), caller, params.communityId, params.redemptionId, body.reason, idempotency),
);
