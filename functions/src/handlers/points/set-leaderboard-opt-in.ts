import { setLeaderboardOptIn } from '../../domain/points/figures.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'PUT /v1/communities/{communityId}/points/me/leaderboard',
  async ({ caller, params, body }) => setLeaderboardOptIn(deps(), caller.userId, params.communityId, body),
);
