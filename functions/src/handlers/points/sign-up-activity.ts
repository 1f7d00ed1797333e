import { signUp } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'POST /v1/communities/{communityId}/activities/{activityId}/signup',
  async ({ caller, params }) => signUp(deps(), caller.userId, params.communityId, params.activityId),
);
