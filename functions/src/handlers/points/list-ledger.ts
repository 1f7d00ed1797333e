import { ledgerPage } from '../../domain/points/summary.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/points/me/ledger', async ({ caller, params, query }) =>
  ledgerPage(deps(), caller.userId, params.communityId, query.cursor, query.limit),
);
