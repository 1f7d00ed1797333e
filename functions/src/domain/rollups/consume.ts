/**
 * The roll-ups' side of the stream consumer: each change of a report, a
 * ledger entry, a home or a bulletin adds its difference to its community's
 * roll-ups and its street's, once per stream event (a redelivered batch adds nothing twice).
 */
import { bulletins } from '../../data/bulletins/bulletin.js';
import { reports } from '../../data/feedback.js';
import { households } from '../../data/households.js';
import { ledgerEntries } from '../../data/points/ledger.js';
import type { RollupsRepository } from '../../data/rollups.js';
import { logger } from '../../http/route-handler.js';
import {
  bulletinContribution,
  type Contribution,
  difference,
  entryContribution,
  householdContribution,
  reportContribution,
} from './contributions.js';

export interface RollupDeps {
  rollups: Pick<RollupsRepository, 'apply'>;
  /** The street a community belongs to (remembered by the container); a community without one keeps only its own. */
  streetOf(communityId: string): Promise<string | undefined>;
  now: () => Date;
}

/** One stream record, unmarshalled. */
export interface ChangeRecord {
  eventId: string;
  oldImage?: Record<string, unknown> | undefined;
  newImage?: Record<string, unknown> | undefined;
}

type Item = Record<string, unknown>;

/** The kinds the roll-ups count, and what an item of each adds. */
export function contributionOf(item: Item | undefined): Contribution | undefined {
  if (!item) return undefined;
  if (item.kind === 'report') return reportContribution(reports.parse(item));
  if (item.kind === 'ledger') return entryContribution(ledgerEntries.parse(item));
  if (item.kind === 'household') return householdContribution(households.parse(item));
  // Bulletins carry no kind tag (their own `kind` is the bulletin's kind): their key tells them.
  if (item.sk === 'BULLETIN' && String(item.pk).includes('#BUL#')) return bulletinContribution(bulletins.parse(item));
  return undefined;
}

/** Whether a stream record may concern the roll-ups (the stream filter says the same). */
export function countsForRollups(item: Item | undefined): boolean {
  return Boolean(item && (['report', 'ledger', 'household'].includes(item.kind as string) || item.sk === 'BULLETIN'));
}

export async function applyChanges(deps: RollupDeps, records: readonly ChangeRecord[]): Promise<number> {
  let applied = 0;
  for (const record of records) {
    if (!countsForRollups(record.newImage) && !countsForRollups(record.oldImage)) continue;
    try {
      const changes = difference(contributionOf(record.oldImage), contributionOf(record.newImage));
      if (!changes.length) continue;
      const streetId = await deps.streetOf(changes[0]?.communityId as string);
      const done = await deps.rollups.apply(
        record.eventId,
        changes.map((c) => ({ ...c, streetId })),
        deps.now(),
      );
      if (done) applied++;
    } catch (error) {
      // A malformed item is logged by its parse; any other failure too. The rebuild puts the figures right.
      logger.error('Roll-up change failed', { eventId: record.eventId, error: String(error) });
      throw error;
    }
  }
  return applied;
}
