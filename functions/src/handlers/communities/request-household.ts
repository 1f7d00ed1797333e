import { requestHousehold } from '../../domain/communities/households.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/households',
  async ({ caller, params, body, idempotency }) =>
    requestHousehold(deps(), caller.userId, params.communityId, body, idempotency),
);
