/** Every item kind declared as an entity, for the table page (TABLE.md); never imported by a Lambda. */

import { activities, signups } from './activities.js';
import { bulletinRevisions, bulletins } from './bulletins/bulletin.js';
import { feedBackfills, feedEntries } from './bulletins/feed.js';
import { newsletters } from './bulletins/newsletters.js';
import { bulletinReads, readsOfUser } from './bulletins/reads.js';
import { streetBulletinRevisions, streetBulletins } from './bulletins/street.js';
import { buildings, communities, communitySettings, estates, grids, gridWorkers, stations } from './communities.js';
import type { AnyEntity } from './entity.js';
import { followUpBackfills, reportEvents, reportSupporters, reports } from './feedback.js';
import { householdLocks, households } from './households.js';
import { idempotencyRecords } from './idempotency.js';
import { leaderboardOptIns } from './leaderboard.js';
import { consents, inboxes, messages } from './messages.js';
import { open311KeysByHash, open311KeysOfCommunity } from './open311-keys.js';
import { photoChecks, wechatTraces } from './photo-checks.js';
import { creditRequests, memberCodes, pickupCodes } from './point-codes.js';
import { expiryRuns } from './points/expiry.js';
import { heldCredits } from './points/held.js';
import { accounts, ledgerEntries, pointsDays, pointsMonths } from './points/ledger.js';
import { redemptions } from './points/redemptions.js';
import { rewards, rewardsTaken, stockLogs, stocks } from './points/rewards.js';
import { sortQualityCounters } from './points/sort-quality.js';
import { rollupEvents, rollupMembers, rollups } from './rollups.js';
import { sortingGuides } from './sorting-guides.js';
import { streetMemberships, streets } from './streets.js';
import { sweepCursors } from './sweep-cursors.js';
import { unitInvites, unitMemberships, units } from './units.js';
import { memberships, openids, userProfiles } from './users.js';
import { wechatNonces } from './wechat-nonces.js';

export const ENTITIES: readonly AnyEntity[] = [
  userProfiles,
  memberships,
  streetMemberships,
  unitMemberships,
  openids,
  idempotencyRecords,
  streets,
  units,
  unitInvites,
  communities,
  communitySettings,
  estates,
  grids,
  gridWorkers,
  buildings,
  stations,
  households,
  householdLocks,
  reports,
  followUpBackfills,
  reportEvents,
  reportSupporters,
  accounts,
  ledgerEntries,
  pointsDays,
  pointsMonths,
  sortQualityCounters,
  rewards,
  stocks,
  stockLogs,
  rewardsTaken,
  redemptions,
  heldCredits,
  expiryRuns,
  memberCodes,
  pickupCodes,
  creditRequests,
  activities,
  signups,
  leaderboardOptIns,
  sortingGuides,
  open311KeysOfCommunity,
  open311KeysByHash,
  wechatNonces,
  messages,
  inboxes,
  consents,
  photoChecks,
  wechatTraces,
  bulletins,
  bulletinRevisions,
  bulletinReads,
  readsOfUser,
  feedEntries,
  feedBackfills,
  newsletters,
  streetBulletins,
  streetBulletinRevisions,
  rollups,
  rollupEvents,
  rollupMembers,
  sweepCursors,
];
