import { board } from '../../domain/feedback/queries.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/communities/{communityId}/feedback/board', async ({ params, query }) =>
  board(deps(), params.communityId, query.cursor, query.limit),
);
