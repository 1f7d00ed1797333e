import { issueMemberCode } from '../../domain/points/codes.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/points/me/code', async ({ caller, params }) =>
  issueMemberCode(deps(), caller.userId, params.communityId),
);
