import { open311Services } from '../../domain/open311/services.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /open311/v2/services.json', async ({ query }) =>
  open311Services(deps(), query.jurisdiction_id),
);
