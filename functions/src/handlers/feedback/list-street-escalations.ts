import { listStreetDesk } from '../../domain/feedback/desks.js';
import { defineRoute } from '../../http/route-handler.js';
import { deskActorOf } from './actor.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/streets/{streetId}/escalations', async ({ caller, params, query }) =>
  listStreetDesk(deps(), await deskActorOf(caller.userId, params), params.streetId, query),
);
