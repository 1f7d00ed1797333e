import { listOpen311Requests } from '../../domain/open311/requests.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /open311/v2/requests.json', async ({ query }) => listOpen311Requests(deps(), query));
