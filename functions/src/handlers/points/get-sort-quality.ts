import { sortQualityMonths } from '@linli/shared';
import { sortQualityStats } from '../../domain/points/sort-quality.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/points/sort-quality', async ({ params, query }) =>
  sortQualityStats(deps(), params.communityId, sortQualityMonths(query)),
);
