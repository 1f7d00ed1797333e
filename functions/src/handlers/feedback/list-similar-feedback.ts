import { similarOpen } from '../../domain/feedback/queries.js';
import { defineRoute } from '../../http/route-handler.js';
import { actorOf } from './actor.js';
import { deps } from './deps.js';

export default defineRoute(
  'GET /v1/communities/{communityId}/feedback/similar',
  async ({ caller, membership, params, query }) =>
    similarOpen(deps(), await actorOf(caller.userId, membership), params.communityId, query.buildingId, query.category),
);
