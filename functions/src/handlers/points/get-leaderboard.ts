import { leaderboard } from '../../domain/points/figures.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'GET /v1/communities/{communityId}/points/leaderboard',
  async ({ caller, membership, params }) => leaderboard(deps(), caller.userId, membership, params.communityId),
);
