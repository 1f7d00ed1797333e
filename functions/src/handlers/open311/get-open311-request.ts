import { getOpen311Request } from '../../domain/open311/requests.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /open311/v2/requests/{requestId}.json', async ({ params, query }) =>
  getOpen311Request(deps(), query.jurisdiction_id, params.requestId),
);
