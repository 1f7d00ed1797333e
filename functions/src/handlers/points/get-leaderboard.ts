import { deps } from '../../deps.js';
import { leaderboard } from '../../domain/points/figures.js';
import { defineRoute } from '../../http/route-handler.js';

export default defineRoute(
  'GET /v1/communities/{communityId}/points/leaderboard',
  async ({ caller, membership, params }) => leaderboard(deps(), caller.userId, membership, params.communityId),
);
