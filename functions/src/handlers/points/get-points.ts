import { pointsSummary } from '../../domain/points/summary.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/points/me', async ({ caller, params }) =>
  pointsSummary(deps(), caller.userId, params.communityId),
);
