import { submitFeedback } from '../../domain/feedback/submit.js';
import { defineRoute } from '../../http/route-handler.js';
import { actorOf } from './actor.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/feedback',
  async ({ caller, membership, params, body, idempotency }) =>
    submitFeedback(deps(), await actorOf(caller.userId, membership), params.communityId, body, idempotency),
);
