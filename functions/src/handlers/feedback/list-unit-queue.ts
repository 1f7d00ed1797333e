import { listUnitQueue } from '../../domain/feedback/desks.js';
import { defineRoute } from '../../http/route-handler.js';
import { deskActorOf } from './actor.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/units/{unitId}/feedback', async ({ caller, params, query }) =>
  listUnitQueue(deps(), await deskActorOf(caller.userId, params), params.unitId, query),
);
