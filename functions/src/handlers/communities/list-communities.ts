import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities', async ({ query }) => deps().communities.list(query.cursor, 50));
