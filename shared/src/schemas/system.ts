import * as z from 'zod';
import { IsoTime } from './common.js';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  stage: z.string(),
  database: z.object({ kind: z.enum(['dynamodb-local', 'dynamodb']), table: z.string() }),
  time: IsoTime,
});
