import { cancelSignUp } from '../../domain/points/activities.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute(
  'DELETE /v1/communities/{communityId}/activities/{activityId}/signup',
  async ({ caller, params }) => cancelSignUp(deps(), caller.userId, params.communityId, params.activityId),
);
