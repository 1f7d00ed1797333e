import { listQueue } from '../../domain/feedback/queries.js';
import { defineRoute } from '../../http/route-handler.js';
import { actorOf } from './actor.js';
import { deps } from './deps.js';

export default defineRoute(
  'GET /v1/communities/{communityId}/feedback',
  async ({ caller, membership, params, query }) =>
    listQueue(deps(), await actorOf(caller.userId, membership), params.communityId, query),
);
