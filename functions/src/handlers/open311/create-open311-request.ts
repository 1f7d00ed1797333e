import { createOpen311Request } from '../../domain/open311/create.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('POST /open311/v2/requests.json', async ({ body }) => createOpen311Request(deps(), body));
