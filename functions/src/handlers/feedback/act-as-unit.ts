import { actOnFeedback } from '../../domain/feedback/act.js';
import { defineRoute } from '../../http/route-handler.js';
import { deskActorOf } from './actor.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/units/{unitId}/feedback/{communityId}/{reportId}/events',
  async ({ caller, params, body, idempotency }) =>
    actOnFeedback(
      deps(),
      await deskActorOf(caller.userId, { unitId: params.unitId }),
      params.communityId,
      params.reportId,
      body,
      idempotency,
    ),
);
