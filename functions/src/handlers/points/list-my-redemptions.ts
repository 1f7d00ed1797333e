import { redemptionView } from '../../domain/points/redeem.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/redemptions/mine', async ({ caller, params, query }) => {
  const page = await deps().points.redemptionsOf(params.communityId, caller.userId, query.cursor, query.limit);
  return {
    items: await Promise.all(page.items.map((r) => redemptionView(deps(), r, 'resident'))),
    cursor: page.cursor,
  };
});
