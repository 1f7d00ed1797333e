import { getUnit } from '../../domain/feedback/desks.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('GET /v1/units/{unitId}', async ({ params }) => getUnit(deps(), params.unitId));
