import { streetUnits } from '../../domain/feedback/desks.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/streets/{streetId}/units', async ({ params }) =>
  streetUnits(deps(), params.streetId),
);
