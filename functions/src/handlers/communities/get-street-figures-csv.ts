import { getStreetFigures, streetFiguresCsv } from '../../domain/rollups/street-figures.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/streets/{streetId}/figures.csv', async ({ params, query }) =>
  streetFiguresCsv(await getStreetFigures(deps(), params.streetId, query)),
);
