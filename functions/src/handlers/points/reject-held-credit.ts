import { rejectHeldCredit } from '../../domain/points/admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/points/held/{creditId}/reject',
  async ({ caller, params, body }) =>
    rejectHeldCredit(deps(), caller.userId, params.communityId, params.creditId, body.reason),
);
