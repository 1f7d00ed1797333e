import { approveHeldCredit } from '../../domain/points/admin.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/points/held/{creditId}/approve',
  async ({ caller, params }) => approveHeldCredit(deps(), caller.userId, params.communityId, params.creditId),
);
