/**
 * The points calls: balance, member code, ledger, rewards and redemptions,
 * station work, volunteer activities and the admin's tools. Built on the
 * transport of services/api.ts (token, errors, Idempotency-Key).
 */
import type {
  Activity,
  ActivityPage,
  Adjustment,
  AdminReward,
  AttendanceResult,
  CheckinCode,
  CreateActivityBody,
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
  StationHome,
  StockChangeResult,
  StockLogPage,
} from '@linli/shared';
import type * as z from 'zod';
import { apiCsv, apiRequest, type Page } from './api';

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
  StationHome,
};
export type MemberCodeBody = z.output<typeof MemberCode>;
export type CheckinCodeBody = z.output<typeof CheckinCode>;
export type StockLogEntry = z.output<typeof StockLogPage>['items'][number];
export type Signup = z.output<typeof SignupList>['items'][number];
export type RewardInput = z.input<typeof RewardBody>;
export type ActivityInput = z.input<typeof CreateActivityBody>;
export type CreditInput = CreditBody;
export interface ItemChoice {
  rewardId: string;
  quantity: number;
}

const community = (communityId: string) => `/v1/communities/${encodeURIComponent(communityId)}`;
const points = (communityId: string) => `${community(communityId)}/points`;
const redemptions = (communityId: string) => `${community(communityId)}/redemptions`;
const rewards = (communityId: string, rewardId?: string) =>
  `${community(communityId)}/rewards${rewardId ? `/${encodeURIComponent(rewardId)}` : ''}`;
const activity = (communityId: string, activityId?: string) =>
  `${community(communityId)}/activities${activityId ? `/${encodeURIComponent(activityId)}` : ''}`;
const cursorQuery = (cursor?: string | null) => ({ cursor: cursor ?? undefined });

export const pointsApi = {
  // ------------------------------------------------------------ residents
  summary: (communityId: string) => apiRequest<PointsSummary>('GET', `${points(communityId)}/me`),
  memberCode: (communityId: string) => apiRequest<MemberCodeBody>('GET', `${points(communityId)}/me/code`),
  ledger: (communityId: string, cursor?: string | null) =>
    apiRequest<Page<LedgerEntry>>('GET', `${points(communityId)}/me/ledger`, { query: cursorQuery(cursor) }),
  rewards: (communityId: string) => apiRequest<{ items: Reward[] }>('GET', rewards(communityId)),
  reserve: (communityId: string, body: { stationId: string; items: ItemChoice[] }, idempotencyKey: string) =>
    apiRequest<Redemption>('POST', redemptions(communityId), { body, idempotencyKey }),
  myRedemptions: (communityId: string, cursor?: string | null) =>
    apiRequest<Page<Redemption>>('GET', `${redemptions(communityId)}/mine`, { query: cursorQuery(cursor) }),
  cancelRedemption: (communityId: string, redemptionId: string, reason: string, idempotencyKey: string) =>
    apiRequest<Redemption>('POST', `${redemptions(communityId)}/${encodeURIComponent(redemptionId)}/cancel`, {
      body: { reason },
      idempotencyKey,
    }),
  /** Weigh-ins a station asks the caller to confirm (no code could be read). */
  myCreditRequests: (communityId: string) =>
    apiRequest<{ items: CreditRequest[] }>('GET', `${points(communityId)}/me/credit-requests`),
  confirmCreditRequest: (communityId: string, requestId: string, idempotencyKey: string) =>
    apiRequest<CreditResult>(
      'POST',
      `${points(communityId)}/me/credit-requests/${encodeURIComponent(requestId)}/confirm`,
      { idempotencyKey },
    ),
  declineCreditRequest: (communityId: string, requestId: string) =>
    apiRequest<CreditRequest>(
      'POST',
      `${points(communityId)}/me/credit-requests/${encodeURIComponent(requestId)}/decline`,
    ),
  leaderboard: (communityId: string) => apiRequest<Leaderboard>('GET', `${points(communityId)}/leaderboard`),
  setLeaderboard: (communityId: string, body: { optIn: boolean; displayName?: string }) =>
    apiRequest<z.output<typeof LeaderboardOptIn>>('PUT', `${points(communityId)}/me/leaderboard`, { body }),

  // ------------------------------------------------------------ activities
  activities: (communityId: string, when: 'upcoming' | 'past', cursor?: string | null) =>
    apiRequest<z.output<typeof ActivityPage>>('GET', activity(communityId), {
      query: { when, ...cursorQuery(cursor) },
    }),
  activity: (communityId: string, activityId: string) => apiRequest<Activity>('GET', activity(communityId, activityId)),
  signUp: (communityId: string, activityId: string) =>
    apiRequest<Activity>('POST', `${activity(communityId, activityId)}/signup`),
  /** Withdraws the caller's sign-up before the start; a repeat changes nothing. */
  cancelSignUp: (communityId: string, activityId: string) =>
    apiRequest<Activity>('DELETE', `${activity(communityId, activityId)}/signup`),
  checkIn: (communityId: string, activityId: string, checkinCode: string) =>
    apiRequest<Activity>('POST', `${activity(communityId, activityId)}/checkin`, { body: { checkinCode } }),
  checkinCode: (communityId: string, activityId: string) =>
    apiRequest<CheckinCodeBody>('GET', `${activity(communityId, activityId)}/checkin-code`),
  signups: (communityId: string, activityId: string) =>
    apiRequest<{ items: Signup[] }>('GET', `${activity(communityId, activityId)}/signups`),
  confirmAttendance: (communityId: string, activityId: string, userIds: string[]) =>
    apiRequest<z.output<typeof AttendanceResult>>('POST', `${activity(communityId, activityId)}/attendance`, {
      body: { userIds },
    }),
  createActivity: (communityId: string, body: ActivityInput, idempotencyKey: string) =>
    apiRequest<Activity>('POST', activity(communityId), { body, idempotencyKey }),

  // ------------------------------------------------------------ station operators
  credit: (communityId: string, body: CreditInput, idempotencyKey: string) =>
    apiRequest<CreditResult>('POST', `${points(communityId)}/credits`, { body, idempotencyKey }),
  /** A station's reservations waiting to be picked up, oldest first (pickup codes are never shown). */
  waitingAt: (communityId: string, stationId: string, cursor?: string | null) =>
    apiRequest<Page<Redemption>>(
      'GET',
      `${community(communityId)}/stations/${encodeURIComponent(stationId)}/redemptions`,
      { query: { status: 'reserved', limit: '100', ...cursorQuery(cursor) } },
    ),
  /** Approved homes of one building (masked names): finding a resident who cannot show a code. */
  homes: (communityId: string, buildingId: string, cursor?: string | null) =>
    apiRequest<Page<StationHome>>('GET', `${points(communityId)}/homes`, {
      query: { buildingId, limit: '100', ...cursorQuery(cursor) },
    }),
  /** Asks the home's resident to confirm the weigh-in on their phone; nothing is credited before. */
  requestCredit: (communityId: string, body: CreditRequestBody, idempotencyKey: string) =>
    apiRequest<CreditRequest>('POST', `${points(communityId)}/credit-requests`, { body, idempotencyKey }),
  creditRequest: (communityId: string, requestId: string) =>
    apiRequest<CreditRequest>('GET', `${points(communityId)}/credit-requests/${encodeURIComponent(requestId)}`),
  fulfil: (communityId: string, body: { pickupCode: string; stationId: string }, idempotencyKey: string) =>
    apiRequest<Redemption>('POST', `${redemptions(communityId)}/fulfil`, { body, idempotencyKey }),
  counter: (
    communityId: string,
    body: { memberCode: string; stationId: string; items: ItemChoice[] },
    idempotencyKey: string,
  ) => apiRequest<Redemption>('POST', `${redemptions(communityId)}/counter`, { body, idempotencyKey }),

  // ------------------------------------------------------------ admins
  allRewards: (communityId: string) => apiRequest<{ items: AdminReward[] }>('GET', `${rewards(communityId)}/all`),
  createReward: (communityId: string, body: RewardInput, idempotencyKey: string) =>
    apiRequest<AdminReward>('POST', rewards(communityId), { body, idempotencyKey }),
  updateReward: (communityId: string, rewardId: string, body: RewardInput) =>
    apiRequest<AdminReward>('PUT', rewards(communityId, rewardId), { body }),
  changeStock: (
    communityId: string,
    rewardId: string,
    body: { stationId: string; delta: number; reason: string },
    idempotencyKey: string,
  ) =>
    apiRequest<z.output<typeof StockChangeResult>>('POST', `${rewards(communityId, rewardId)}/stock`, {
      body,
      idempotencyKey,
    }),
  stockLog: (communityId: string, rewardId: string, cursor?: string | null) =>
    apiRequest<Page<StockLogEntry>>('GET', `${rewards(communityId, rewardId)}/stock-log`, {
      query: cursorQuery(cursor),
    }),
  adjust: (communityId: string, body: { userId: string; points: number; reason: string }, idempotencyKey: string) =>
    apiRequest<Adjustment>('POST', `${points(communityId)}/adjustments`, { body, idempotencyKey }),
  held: (communityId: string, status: HeldCredit['status'], cursor?: string | null) =>
    apiRequest<Page<HeldCredit>>('GET', `${points(communityId)}/held`, { query: { status, ...cursorQuery(cursor) } }),
  approveHeld: (communityId: string, creditId: string) =>
    apiRequest<HeldCredit>('POST', `${points(communityId)}/held/${encodeURIComponent(creditId)}/approve`),
  rejectHeld: (communityId: string, creditId: string, reason: string) =>
    apiRequest<HeldCredit>('POST', `${points(communityId)}/held/${encodeURIComponent(creditId)}/reject`, {
      body: { reason },
    }),
  stats: (communityId: string, from: string, to: string) =>
    apiRequest<PointsStats>('GET', `${community(communityId)}/stats/points`, { query: { from, to } }),
  statsCsv: (communityId: string, from: string, to: string) =>
    apiCsv(`${community(communityId)}/stats/points.csv`, { from, to }, `积分统计-${from}-${to}.csv`),
};
