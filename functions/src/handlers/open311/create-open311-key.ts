import { issueOpen311Key } from '../../domain/open311/keys.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('POST /v1/communities/{communityId}/open311/keys', async ({ caller, params }) =>
  issueOpen311Key(deps(), params.communityId, caller.userId),
);
