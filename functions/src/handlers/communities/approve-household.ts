import { decideHousehold } from '../../domain/communities/households.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/households/{householdId}/approve',
  async ({ caller, params }) =>
    decideHousehold(deps(), caller.userId, params.communityId, params.householdId, { approve: true }),
);
