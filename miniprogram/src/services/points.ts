/**
 * The points calls: balance, member code, ledger, rewards and redemptions,
 * station work, volunteer activities and the admin's tools, through the typed
 * client of services/api.ts (token, errors, Idempotency-Key).
 */
import type {
  Activity,
  ActivityPage,
  Adjustment,
  AdminReward,
  AttendanceResult,
  CheckinCode,
  CreateActivityBody,
  CreateUnitActivityBody,
  CreditBody,
  CreditRequest,
  CreditRequestBody,
  CreditResult,
  HeldCredit,
  Leaderboard,
  LeaderboardOptIn,
  LedgerEntry,
  MemberCode,
  PointsStats,
  PointsSummary,
  Redemption,
  Reward,
  RewardBody,
  SignupList,
  SortingGuide,
  SortingGuideBody,
  SortQuality,
  StationHome,
  StockChangeResult,
  StockLogPage,
} from '@linli/shared';
import type * as z from 'zod';
import { type CsvFile, call, named, type Page } from './api';

export type {
  Activity,
  AdminReward,
  CreditRequest,
  CreditResult,
  HeldCredit,
  Leaderboard,
  LedgerEntry,
  PointsStats,
  PointsSummary,
  Redemption,
  Reward,
  SortQuality,
  StationHome,
};
export type MemberCodeBody = z.output<typeof MemberCode>;
export type CheckinCodeBody = z.output<typeof CheckinCode>;
export type StockLogEntry = z.output<typeof StockLogPage>['items'][number];
export type Signup = z.output<typeof SignupList>['items'][number];
export type RewardInput = z.input<typeof RewardBody>;
export type ActivityInput = z.input<typeof CreateActivityBody>;
export type UnitActivityInput = z.input<typeof CreateUnitActivityBody>;
export type CreditInput = CreditBody;
export interface ItemChoice {
  rewardId: string;
  quantity: number;
}

export const pointsApi = {
  // ------------------------------------------------------------ residents
  summary: (communityId: string): Promise<PointsSummary> =>
    call('GET /v1/communities/{communityId}/points/me', { params: { communityId } }),
  memberCode: (communityId: string): Promise<MemberCodeBody> =>
    call('GET /v1/communities/{communityId}/points/me/code', { params: { communityId } }),
  ledger: (communityId: string, cursor?: string | null): Promise<Page<LedgerEntry>> =>
    call('GET /v1/communities/{communityId}/points/me/ledger', {
      params: { communityId },
      query: { cursor: cursor ?? undefined },
    }),
  rewards: (communityId: string): Promise<{ items: Reward[] }> =>
    call('GET /v1/communities/{communityId}/rewards', { params: { communityId } }),
  reserve: (
    communityId: string,
    body: { stationId: string; items: ItemChoice[] },
    idempotencyKey: string,
  ): Promise<Redemption> =>
    call('POST /v1/communities/{communityId}/redemptions', { params: { communityId }, body, idempotencyKey }),
  myRedemptions: (communityId: string, cursor?: string | null): Promise<Page<Redemption>> =>
    call('GET /v1/communities/{communityId}/redemptions/mine', {
      params: { communityId },
      query: { cursor: cursor ?? undefined },
    }),
  cancelRedemption: (
    communityId: string,
    redemptionId: string,
    reason: string,
    idempotencyKey: string,
  ): Promise<Redemption> =>
    call('POST /v1/communities/{communityId}/redemptions/{redemptionId}/cancel', {
      params: { communityId, redemptionId },
      body: { reason },
      idempotencyKey,
    }),
  /** Weigh-ins a station asks the caller to confirm (no code could be read). */
  myCreditRequests: (communityId: string): Promise<{ items: CreditRequest[] }> =>
    call('GET /v1/communities/{communityId}/points/me/credit-requests', { params: { communityId } }),
  confirmCreditRequest: (communityId: string, requestId: string, idempotencyKey: string): Promise<CreditResult> =>
    call('POST /v1/communities/{communityId}/points/me/credit-requests/{requestId}/confirm', {
      params: { communityId, requestId },
      idempotencyKey,
    }),
  declineCreditRequest: (communityId: string, requestId: string): Promise<CreditRequest> =>
    call('POST /v1/communities/{communityId}/points/me/credit-requests/{requestId}/decline', {
      params: { communityId, requestId },
    }),
  sortingGuide: (communityId: string): Promise<SortingGuide> =>
    call('GET /v1/communities/{communityId}/sorting-guide', { params: { communityId } }),
  replaceSortingGuide: (communityId: string, body: SortingGuideBody): Promise<SortingGuide> =>
    call('PUT /v1/communities/{communityId}/sorting-guide', { params: { communityId }, body }),
  leaderboard: (communityId: string): Promise<Leaderboard> =>
    call('GET /v1/communities/{communityId}/points/leaderboard', { params: { communityId } }),
  setLeaderboard: (
    communityId: string,
    body: { optIn: boolean; displayName?: string },
  ): Promise<z.output<typeof LeaderboardOptIn>> =>
    call('PUT /v1/communities/{communityId}/points/me/leaderboard', { params: { communityId }, body }),

  // ------------------------------------------------------------ activities
  activities: (
    communityId: string,
    when: 'upcoming' | 'past',
    cursor?: string | null,
  ): Promise<z.output<typeof ActivityPage>> =>
    call('GET /v1/communities/{communityId}/activities', {
      params: { communityId },
      query: { when, cursor: cursor ?? undefined },
    }),
  activity: (communityId: string, activityId: string): Promise<Activity> =>
    call('GET /v1/communities/{communityId}/activities/{activityId}', { params: { communityId, activityId } }),
  signUp: (communityId: string, activityId: string): Promise<Activity> =>
    call('POST /v1/communities/{communityId}/activities/{activityId}/signup', { params: { communityId, activityId } }),
  /** Withdraws the caller's sign-up before the start; a repeat changes nothing. */
  cancelSignUp: (communityId: string, activityId: string): Promise<Activity> =>
    call('DELETE /v1/communities/{communityId}/activities/{activityId}/signup', {
      params: { communityId, activityId },
    }),
  checkIn: (communityId: string, activityId: string, checkinCode: string): Promise<Activity> =>
    call('POST /v1/communities/{communityId}/activities/{activityId}/checkin', {
      params: { communityId, activityId },
      body: { checkinCode },
    }),
  // The organiser's tools: through the community's door, or through the unit's (`unitId`) for a unit's post.
  checkinCode: (communityId: string, activityId: string, unitId?: string): Promise<CheckinCodeBody> =>
    unitId
      ? call('GET /v1/units/{unitId}/activities/{communityId}/{activityId}/checkin-code', {
          params: { unitId, communityId, activityId },
        })
      : call('GET /v1/communities/{communityId}/activities/{activityId}/checkin-code', {
          params: { communityId, activityId },
        }),
  signups: (communityId: string, activityId: string, unitId?: string): Promise<{ items: Signup[] }> =>
    unitId
      ? call('GET /v1/units/{unitId}/activities/{communityId}/{activityId}/signups', {
          params: { unitId, communityId, activityId },
        })
      : call('GET /v1/communities/{communityId}/activities/{activityId}/signups', {
          params: { communityId, activityId },
        }),
  confirmAttendance: (
    communityId: string,
    activityId: string,
    userIds: string[],
    unitId?: string,
  ): Promise<z.output<typeof AttendanceResult>> =>
    unitId
      ? call('POST /v1/units/{unitId}/activities/{communityId}/{activityId}/attendance', {
          params: { unitId, communityId, activityId },
          body: { userIds },
        })
      : call('POST /v1/communities/{communityId}/activities/{activityId}/attendance', {
          params: { communityId, activityId },
          body: { userIds },
        }),
  createActivity: (communityId: string, body: ActivityInput, idempotencyKey: string): Promise<Activity> =>
    call('POST /v1/communities/{communityId}/activities', { params: { communityId }, body, idempotencyKey }),
  /** 部门报到: a unit's volunteer posts across its service area, and a member publishing one. */
  unitActivities: (
    unitId: string,
    when: 'upcoming' | 'past',
    cursor?: string | null,
  ): Promise<z.output<typeof ActivityPage>> =>
    call('GET /v1/units/{unitId}/activities', { params: { unitId }, query: { when, cursor: cursor ?? undefined } }),
  createUnitActivity: (unitId: string, body: UnitActivityInput, idempotencyKey: string): Promise<Activity> =>
    call('POST /v1/units/{unitId}/activities', { params: { unitId }, body, idempotencyKey }),

  // ------------------------------------------------------------ station operators
  credit: (communityId: string, body: CreditInput, idempotencyKey: string): Promise<CreditResult> =>
    call('POST /v1/communities/{communityId}/points/credits', { params: { communityId }, body, idempotencyKey }),
  /** A station's reservations waiting to be picked up, oldest first (pickup codes are never shown). */
  waitingAt: (communityId: string, stationId: string, cursor?: string | null): Promise<Page<Redemption>> =>
    call('GET /v1/communities/{communityId}/stations/{stationId}/redemptions', {
      params: { communityId, stationId },
      query: { status: 'reserved', limit: 100, cursor: cursor ?? undefined },
    }),
  /** Approved homes of one building (masked names): finding a resident who cannot show a code. */
  homes: (communityId: string, buildingId: string, cursor?: string | null): Promise<Page<StationHome>> =>
    call('GET /v1/communities/{communityId}/points/homes', {
      params: { communityId },
      query: { buildingId, limit: 100, cursor: cursor ?? undefined },
    }),
  /** Asks the home's resident to confirm the weigh-in on their phone; nothing is credited before. */
  requestCredit: (communityId: string, body: CreditRequestBody, idempotencyKey: string): Promise<CreditRequest> =>
    call('POST /v1/communities/{communityId}/points/credit-requests', {
      params: { communityId },
      body,
      idempotencyKey,
    }),
  creditRequest: (communityId: string, requestId: string): Promise<CreditRequest> =>
    call('GET /v1/communities/{communityId}/points/credit-requests/{requestId}', {
      params: { communityId, requestId },
    }),
  fulfil: (
    communityId: string,
    body: { pickupCode: string; stationId: string },
    idempotencyKey: string,
  ): Promise<Redemption> =>
    call('POST /v1/communities/{communityId}/redemptions/fulfil', { params: { communityId }, body, idempotencyKey }),
  counter: (
    communityId: string,
    body: { memberCode: string; stationId: string; items: ItemChoice[] },
    idempotencyKey: string,
  ): Promise<Redemption> =>
    call('POST /v1/communities/{communityId}/redemptions/counter', { params: { communityId }, body, idempotencyKey }),

  // ------------------------------------------------------------ admins
  allRewards: (communityId: string): Promise<{ items: AdminReward[] }> =>
    call('GET /v1/communities/{communityId}/rewards/all', { params: { communityId } }),
  createReward: (communityId: string, body: RewardInput, idempotencyKey: string): Promise<AdminReward> =>
    call('POST /v1/communities/{communityId}/rewards', { params: { communityId }, body, idempotencyKey }),
  updateReward: (communityId: string, rewardId: string, body: RewardInput): Promise<AdminReward> =>
    call('PUT /v1/communities/{communityId}/rewards/{rewardId}', { params: { communityId, rewardId }, body }),
  changeStock: (
    communityId: string,
    rewardId: string,
    body: { stationId: string; delta: number; reason: string },
    idempotencyKey: string,
  ): Promise<z.output<typeof StockChangeResult>> =>
    call('POST /v1/communities/{communityId}/rewards/{rewardId}/stock', {
      params: { communityId, rewardId },
      body,
      idempotencyKey,
    }),
  stockLog: (communityId: string, rewardId: string, cursor?: string | null): Promise<Page<StockLogEntry>> =>
    call('GET /v1/communities/{communityId}/rewards/{rewardId}/stock-log', {
      params: { communityId, rewardId },
      query: { cursor: cursor ?? undefined },
    }),
  adjust: (
    communityId: string,
    body: { userId: string; points: number; reason: string },
    idempotencyKey: string,
  ): Promise<Adjustment> =>
    call('POST /v1/communities/{communityId}/points/adjustments', { params: { communityId }, body, idempotencyKey }),
  held: (communityId: string, status: HeldCredit['status'], cursor?: string | null): Promise<Page<HeldCredit>> =>
    call('GET /v1/communities/{communityId}/points/held', {
      params: { communityId },
      query: { status, cursor: cursor ?? undefined },
    }),
  approveHeld: (communityId: string, creditId: string): Promise<HeldCredit> =>
    call('POST /v1/communities/{communityId}/points/held/{creditId}/approve', { params: { communityId, creditId } }),
  rejectHeld: (communityId: string, creditId: string, reason: string): Promise<HeldCredit> =>
    call('POST /v1/communities/{communityId}/points/held/{creditId}/reject', {
      params: { communityId, creditId },
      body: { reason },
    }),
  stats: (communityId: string, from: string, to: string): Promise<PointsStats> =>
    call('GET /v1/communities/{communityId}/stats/points', { params: { communityId }, query: { from, to } }),
  statsCsv: async (communityId: string, from: string, to: string): Promise<CsvFile> =>
    named(
      await call('GET /v1/communities/{communityId}/stats/points.csv', {
        params: { communityId },
        query: { from, to },
        accept: 'text/csv',
      }),
      `积分统计-${from}-${to}.csv`,
    ),
  sortQuality: (communityId: string, from: string, to: string): Promise<SortQuality> =>
    call('GET /v1/communities/{communityId}/points/sort-quality', { params: { communityId }, query: { from, to } }),
  sortQualityCsv: async (communityId: string, from: string, to: string): Promise<CsvFile> =>
    named(
      await call('GET /v1/communities/{communityId}/points/sort-quality.csv', {
        params: { communityId },
        query: { from, to },
        accept: 'text/csv',
      }),
      `分类质量-${from}-${to}.csv`,
    ),
};
