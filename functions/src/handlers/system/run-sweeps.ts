import { defineRoute } from '../../http/route-handler.js';
import { sweeps } from '../jobs/index.js';
import { runSweeps } from '../jobs/sweeps.js';

/** Local stage only: the scheduled sweeps with a clock the caller sets, so tests need not wait for deadlines. */
export default defineRoute('POST /v1/dev/sweeps', async ({ body }) => ({
  results: await runSweeps(sweeps, new Date(body.now)),
}));
