/** The system context's routes: its slice of the one route table (`../routes.ts`). */
import { HealthResponse } from '@linli/shared';
import * as z from 'zod';
import type { RouteSpec } from './spec.js';

const DevSweepBody = z
  .object({
    now: z.iso.datetime({ offset: true, error: '须为 ISO 8601 时间' }),
    /** Only these sweeps (by name); all of them when absent. A far-off clock then disturbs nothing else. */
    sweeps: z
      .array(z.string().regex(/^[a-z0-9-]{1,40}$/, { error: '扫描任务名称不正确' }))
      .max(10)
      .optional(),
    /** How long this tick may take (a scheduled tick takes up to 45 s; the local API answers within 10 s). */
    budgetMs: z.number({ error: '须为毫秒数' }).int().min(1).max(8_000).optional(),
  })
  .strict();
const DevSweepResult = z.object({
  results: z.array(
    z.object({
      name: z.string(),
      changed: z.number().int().optional(),
      more: z.boolean().optional(),
      failed: z.boolean().optional(),
    }),
  ),
});
const OpenApiDocument = z.record(z.string(), z.unknown());

export const systemRoutes = {
  'GET /v1/health': {
    context: 'system',
    summary: 'Liveness and which database the API talks to',
    access: 'public',
    response: HealthResponse,
  },
  'GET /openapi.json': {
    context: 'system',
    summary: 'The OpenAPI 3.1 document, generated from the zod schemas',
    access: 'public',
    response: OpenApiDocument,
  },
  'POST /v1/dev/sweeps': {
    context: 'system',
    summary: 'Local stage only: run the scheduled sweeps as if it were `now` (a controllable clock for tests)',
    access: 'public',
    stages: ['local'],
    body: DevSweepBody,
    response: DevSweepResult,
  },
} as const satisfies Record<string, RouteSpec>;
