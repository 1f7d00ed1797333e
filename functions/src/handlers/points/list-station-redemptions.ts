import { stationRedemptions } from '../../domain/points/redeem.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'GET /v1/communities/{communityId}/stations/{stationId}/redemptions',
  async ({ membership, params, query }) =>
    stationRedemptions(deps(), membership, params.communityId, params.stationId, query),
);
