import { detailFor } from '../../domain/feedback/queries.js';
import { defineRoute } from '../../http/route-handler.js';
import { deskActorOf } from './actor.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/units/{unitId}/feedback/{communityId}/{reportId}', async ({ caller, params }) =>
  detailFor(deps(), await deskActorOf(caller.userId, { unitId: params.unitId }), params.communityId, params.reportId),
);
