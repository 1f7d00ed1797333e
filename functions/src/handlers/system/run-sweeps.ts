import { ValidationError } from '@linli/shared';
import { defineRoute } from '../../http/route-handler.js';
import { sweeps } from '../jobs/index.js';
import { runSweeps } from '../jobs/sweeps.js';

/** Local stage only: the scheduled sweeps (all, or those named) with a clock the caller sets, so tests need not wait for deadlines. */
export default defineRoute('POST /v1/dev/sweeps', async ({ body }) => {
  const known = sweeps.map((s) => s.name);
  const unknown = (body.sweeps ?? []).findIndex((name) => !known.includes(name));
  if (unknown >= 0) throw new ValidationError([{ field: `body.sweeps.${unknown}`, message: '没有这个扫描任务' }]);
  const chosen = body.sweeps ? sweeps.filter((s) => body.sweeps?.includes(s.name)) : sweeps;
  // Within the local API's 10 s, as a scheduled tick is within its Lambda's minute.
  return { results: await runSweeps(chosen, new Date(body.now), { budgetMs: body.budgetMs ?? 8_000 }) };
});
