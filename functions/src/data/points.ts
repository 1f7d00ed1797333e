/**
 * Points, stock and redemptions, composed from one module per entity
 * (`points/*.ts`). Every change of a balance is one ledger entry written in
 * the same DynamoDB transaction as the balance, the stock and the limits it
 * touches, each with a condition: a balance never below 0, a shelf never
 * below 0, a monthly limit never passed, an effect never twice.
 */
import type { TableRef } from './client.js';
import { createExpiryRunsRepository } from './points/expiry.js';
import { createHeldCreditsRepository } from './points/held.js';
import { createLedgerRepository } from './points/ledger.js';
import { createRedemptionsRepository, createReservationsRepository } from './points/redemptions.js';
import { createRewardsRepository } from './points/rewards.js';
import { createSortQualityRepository } from './points/sort-quality.js';

export type { ExpiryRunRecord } from './points/expiry.js';
export { HELD_STATUSES, type HeldCreditRecord, type HeldStatus } from './points/held.js';
export type { AccountState, LedgerRecord, MonthEntry } from './points/ledger.js';
export type { RedemptionItem, RedemptionRecord } from './points/redemptions.js';
export { balanceMoved, contended } from './points/refusals.js';
export { putRewardWithStock, type RewardRecord, type StockLogRecord } from './points/rewards.js';

export function createPointsRepository(table: TableRef) {
  return {
    ...createLedgerRepository(table),
    ...createRewardsRepository(table),
    ...createRedemptionsRepository(table),
    ...createReservationsRepository(table),
    ...createHeldCreditsRepository(table),
    ...createExpiryRunsRepository(table),
    ...createSortQualityRepository(table),
  };
}

export type PointsRepository = ReturnType<typeof createPointsRepository>;
