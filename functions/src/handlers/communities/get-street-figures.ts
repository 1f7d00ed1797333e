import { getStreetFigures } from '../../domain/rollups/street-figures.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/streets/{streetId}/figures', async ({ params, query }) =>
  getStreetFigures(deps(), params.streetId, query),
);
