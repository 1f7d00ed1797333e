import { detailFor } from '../../domain/feedback/queries.js';
import { defineRoute } from '../../http/route-handler.js';
import { deskActorOf } from './actor.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/streets/{streetId}/feedback/{communityId}/{reportId}', async ({ caller, params }) =>
  detailFor(
    deps(),
    await deskActorOf(caller.userId, { streetId: params.streetId }),
    params.communityId,
    params.reportId,
  ),
);
