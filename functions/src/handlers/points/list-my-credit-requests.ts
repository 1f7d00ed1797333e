import { myCreditRequests } from '../../domain/points/credit-requests.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/points/me/credit-requests', async ({ caller, params }) =>
  myCreditRequests(deps(), caller.userId, params.communityId),
);
