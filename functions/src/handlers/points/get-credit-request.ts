import { creditRequestForOperator } from '../../domain/points/credit-requests.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'GET /v1/communities/{communityId}/points/credit-requests/{requestId}',
  async ({ caller, params }) => creditRequestForOperator(deps(), caller.userId, params.communityId, params.requestId),
);
