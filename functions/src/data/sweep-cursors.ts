import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { entity } from './entity.js';

export const sweepCursors = entity({
  kind: 'sweep-cursor',
  doc: "Where a sweep of every community stopped on its tick's budget: the next tick resumes there (null: at the first page).",
  schema: z.object({ sweep: z.string(), cursor: z.string().nullable(), savedAt: z.string() }),
  key: { pk: 'SWEEP#{sweep}', sk: 'CURSOR' },
});

/**
 * One small item per sweep, read once when the sweep starts and written only
 * when where it resumes changes (a pass that is never cut short writes nothing).
 * Resetting puts a null cursor rather than deleting, so the jobs Lambda needs
 * only GetItem and PutItem. Two runs at once (never on the schedule, which runs
 * one tick at a time) would keep the last one's cursor: the sweeps are
 * idempotent, so at worst a community is visited once more or one tick later.
 */
export function createSweepCursorsRepository(table: TableRef) {
  const { tableName: TableName } = table;
  return {
    /** The page cursor the named sweep resumes at; undefined: at the first page. */
    async get(sweep: string): Promise<string | undefined> {
      const out = await table.doc.send(
        new GetCommand({ TableName, Key: sweepCursors.key({ sweep }), ConsistentRead: true }),
      );
      return out.Item ? (sweepCursors.parse(out.Item).cursor ?? undefined) : undefined;
    },

    /** Keeps where the named sweep resumes next; undefined resets it to the first page. */
    async put(sweep: string, cursor: string | undefined, now: Date): Promise<void> {
      await table.doc.send(
        new PutCommand({
          TableName,
          Item: sweepCursors.item({ sweep, cursor: cursor ?? null, savedAt: now.toISOString() }),
        }),
      );
    },
  };
}

export type SweepCursorsRepository = ReturnType<typeof createSweepCursorsRepository>;
