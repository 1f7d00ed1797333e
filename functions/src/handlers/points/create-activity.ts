import { createActivity } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/activities',
  async ({ caller, params, body, idempotency }) =>
    createActivity(deps(), caller.userId, params.communityId, body, idempotency),
);
