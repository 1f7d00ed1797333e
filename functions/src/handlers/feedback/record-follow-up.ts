import { actOnFeedback } from '../../domain/feedback/act.js';
import { defineRoute } from '../../http/route-handler.js';
import { actorOf } from './actor.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/feedback/{reportId}/follow-ups',
  async ({ caller, membership, params, body, idempotency }) =>
    actOnFeedback(
      deps(),
      await actorOf(caller.userId, membership),
      params.communityId,
      params.reportId,
      { action: 'follow_up', ...body },
      idempotency,
    ),
);
