/**
 * Bulletins, composed from one module per entity (`bulletins/*.ts`): the
 * bulletin and its revisions, the per-unit feed, read receipts and the
 * newsletter's issues, behind one repository.
 */
import { createBulletinRecordsRepository } from './bulletins/bulletin.js';
import { createFeedRepository } from './bulletins/feed.js';
import { createNewslettersRepository } from './bulletins/newsletters.js';
import { createReadsRepository } from './bulletins/reads.js';
import { createStreetBulletinsRepository } from './bulletins/street.js';
import type { TableRef } from './client.js';

export type { BulletinRecord, DecisionRecord, Home } from './bulletins/bulletin.js';
export type { FeedEntryRecord } from './bulletins/feed.js';
export type { NewsletterRecord } from './bulletins/newsletters.js';
export type { ReadRecord } from './bulletins/reads.js';
export type { StreetBulletinRecord } from './bulletins/street.js';

export function createBulletinsRepository(table: TableRef) {
  // A receipt marks the reader's feed entry too; that stays the feed's own business.
  const { markEntryRead, ...feed } = createFeedRepository(table);
  return {
    ...createBulletinRecordsRepository(table),
    ...feed,
    ...createReadsRepository(table, { markEntryRead }),
    ...createNewslettersRepository(table),
    ...createStreetBulletinsRepository(table),
  };
}

export type BulletinsRepository = ReturnType<typeof createBulletinsRepository>;
