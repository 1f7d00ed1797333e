/**
 * THE route table. The local HTTP server, the CDK stack, the OpenAPI document
 * and the middy stack all read it: a route exists here and nowhere else.
 */
import {
  Activity,
  ActivityListQuery,
  ActivityPage,
  ActivityPath,
  AdjustBody,
  Adjustment,
  AdminReward,
  AdminRewardList,
  AttendanceBody,
  AttendanceResult,
  BoardPage,
  Bulletin,
  BulletinBody,
  BulletinPath,
  BulletinReads,
  CancelRedemptionBody,
  CheckinBody,
  CheckinCode,
  Community,
  CommunityList,
  CommunityPath,
  CommunitySettings,
  CounterRedeemBody,
  CreateActivityBody,
  CreateUploadBody,
  CreditBody,
  CreditResult,
  CsvFile,
  DemandList,
  DemandQuery,
  DevSignInBody,
  FeedbackActionBody,
  FeedbackDetail,
  FeedbackList,
  FeedbackPage,
  FeedbackPath,
  FeedbackQueueQuery,
  FeedbackReport,
  FeedbackStats,
  FeedbackStatsQuery,
  FeedPage,
  FeedQuery,
  FulfilBody,
  HealthResponse,
  HeldCredit,
  HeldCreditPage,
  HeldCreditPath,
  HeldCreditQuery,
  Household,
  HouseholdListQuery,
  HouseholdPage,
  HouseholdPath,
  Leaderboard,
  LeaderboardOptIn,
  LeaderboardOptInBody,
  LedgerPage,
  LedgerQuery,
  ManagePage,
  ManageQuery,
  MeExport,
  MemberCode,
  MeResponse,
  MyFeedbackQuery,
  Newsletter,
  NewsletterBody,
  NewsletterList,
  NewsletterPath,
  OfflineFeedbackBody,
  Open311CreateBody,
  Open311Created,
  Open311Jurisdiction,
  Open311KeyResponse,
  Open311RequestPath,
  Open311Requests,
  Open311RequestsQuery,
  Open311Services,
  PersonasResponse,
  PointsStats,
  PointsStatsQuery,
  PointsSummary,
  ReadReceipt,
  Redemption,
  RedemptionPage,
  RedemptionPath,
  RejectBulletinBody,
  RejectHeldBody,
  RejectHouseholdBody,
  RequestHouseholdBody,
  ReserveBody,
  RewardBody,
  RewardList,
  RewardPath,
  type Role,
  SessionResponse,
  SignupList,
  SimilarFeedbackQuery,
  StaffList,
  StationPath,
  StationRedemptionsQuery,
  StockChangeBody,
  StockChangeResult,
  StockLogPage,
  StockLogQuery,
  SubmitFeedbackBody,
  UnreadCount,
  UpdateBulletinBody,
  UpdateSettingsBody,
  UploadTicket,
  WechatSignInBody,
} from '@linli/shared';
import * as z from 'zod';

/** One Lambda per bounded context; each has `handlers/<context>/index.ts`. */
export const CONTEXTS = ['system', 'auth', 'communities', 'feedback', 'open311', 'points', 'bulletins'] as const;
export type Context = (typeof CONTEXTS)[number];

export const STAGES = ['local', 'dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Who may call: anyone, any signed-in person, or holders of one of `roles`
 * in the community named by the `{communityId}` path parameter.
 */
export type Access = 'public' | 'user' | { readonly roles: readonly Role[] };

export interface RouteSpec {
  readonly context: Context;
  readonly summary: string;
  readonly access: Access;
  /** Stages the route exists in; absent means every stage. */
  readonly stages?: readonly Stage[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  /** Success status: 200 unless said. */
  readonly status?: 200 | 201 | 204;
  /** The request must carry an `Idempotency-Key` header. */
  readonly idempotent?: boolean;
  /** Body encoding: JSON unless said (Open311 posts forms). */
  readonly bodyFormat?: 'json' | 'form';
  /** `text/csv`: the handler returns a `CsvFile` and the stack sends it as a download. */
  readonly produces?: 'text/csv';
  /** Open311 clients expect `[{ code, description }]` errors. */
  readonly errorFormat?: 'open311';
}

const ADMIN = { roles: ['admin'] } as const;
const RESIDENT = { roles: ['resident'] } as const;
const DISPATCHERS = { roles: ['grid_worker', 'admin'] } as const;
const FEEDBACK_STAFF = { roles: ['grid_worker', 'property_staff', 'admin'] } as const;
const OPERATOR = { roles: ['station_operator'] } as const;
const ANY_MEMBER = { roles: ['resident', 'grid_worker', 'property_staff', 'station_operator', 'admin'] } as const;
/** Who may run a volunteer activity (the use case checks it is theirs, or that they are an admin). */
const ACTIVITY_STAFF = { roles: ['grid_worker', 'property_staff', 'station_operator', 'admin'] } as const;
const EmptyBody = z.null();
const DevSweepBody = z
  .object({
    now: z.iso.datetime({ offset: true, error: '须为 ISO 8601 时间' }),
    /** Only these sweeps (by name); all of them when absent. A far-off clock then disturbs nothing else. */
    sweeps: z
      .array(z.string().regex(/^[a-z0-9-]{1,40}$/, { error: '扫描任务名称不正确' }))
      .max(10)
      .optional(),
  })
  .strict();
const DevSweepResult = z.object({
  results: z.array(
    z.object({ name: z.string(), changed: z.number().int().optional(), failed: z.boolean().optional() }),
  ),
});
const OpenApiDocument = z.record(z.string(), z.unknown());

export const routes = {
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
  'POST /v1/auth/wechat': {
    context: 'auth',
    summary: 'Exchange a wx.login code for a session token',
    access: 'public',
    body: WechatSignInBody,
    response: SessionResponse,
  },
  'GET /v1/auth/dev/personas': {
    context: 'auth',
    summary: 'Local stage only: the demo people one can sign in as',
    access: 'public',
    stages: ['local'],
    response: PersonasResponse,
  },
  'POST /v1/auth/dev': {
    context: 'auth',
    summary: 'Local stage only: sign in as a demo person',
    access: 'public',
    stages: ['local'],
    body: DevSignInBody,
    response: SessionResponse,
  },
  'GET /v1/me': {
    context: 'auth',
    summary: 'The caller: profile, memberships with roles, household bindings',
    access: 'user',
    response: MeResponse,
  },
  'GET /v1/me/export': {
    context: 'auth',
    summary: 'PIPL: export everything held about the caller',
    access: 'user',
    response: MeExport,
  },
  'DELETE /v1/me': {
    context: 'auth',
    summary: 'PIPL: delete the caller and their personal data',
    access: 'user',
    status: 204,
    response: EmptyBody,
  },
  'GET /v1/communities': {
    context: 'communities',
    summary: 'Communities of the district, for choosing where one lives',
    access: 'user',
    query: z.object({ cursor: z.string().max(1024).optional() }),
    response: CommunityList,
  },
  'GET /v1/communities/{communityId}': {
    context: 'communities',
    summary: 'A community with estates, grids, buildings, stations and settings',
    access: 'user',
    params: CommunityPath,
    response: Community,
  },
  'PUT /v1/communities/{communityId}/settings': {
    context: 'communities',
    summary: 'Change SLA policy, exchange day or points rules (admins)',
    access: ADMIN,
    params: CommunityPath,
    body: UpdateSettingsBody,
    response: CommunitySettings,
  },
  'POST /v1/communities/{communityId}/households': {
    context: 'communities',
    summary: 'Ask to be bound to a home in the community',
    access: 'user',
    params: CommunityPath,
    body: RequestHouseholdBody,
    response: Household,
    status: 201,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/households': {
    context: 'communities',
    summary: 'Household binding requests by status (admins)',
    access: ADMIN,
    params: CommunityPath,
    query: HouseholdListQuery,
    response: HouseholdPage,
  },
  'POST /v1/communities/{communityId}/households/{householdId}/approve': {
    context: 'communities',
    summary: 'Approve a binding: the applicant becomes a resident (admins)',
    access: ADMIN,
    params: HouseholdPath,
    response: Household,
  },
  'POST /v1/communities/{communityId}/households/{householdId}/reject': {
    context: 'communities',
    summary: 'Reject a binding with a reason (admins)',
    access: ADMIN,
    params: HouseholdPath,
    body: RejectHouseholdBody,
    response: Household,
  },
  'POST /v1/uploads': {
    context: 'communities',
    summary: 'A presigned upload for one photo',
    access: 'user',
    body: CreateUploadBody,
    response: UploadTicket,
    status: 201,
  },
  'POST /v1/dev/sweeps': {
    context: 'system',
    summary: 'Local stage only: run the scheduled sweeps as if it were `now` (a controllable clock for tests)',
    access: 'public',
    stages: ['local'],
    body: DevSweepBody,
    response: DevSweepResult,
  },

  'POST /v1/communities/{communityId}/feedback': {
    context: 'feedback',
    summary: 'A resident reports a problem',
    access: RESIDENT,
    params: CommunityPath,
    body: SubmitFeedbackBody,
    response: FeedbackReport,
    status: 201,
    idempotent: true,
  },
  'POST /v1/communities/{communityId}/feedback/offline': {
    context: 'feedback',
    summary: 'Staff enter a paper, hotline or visit report on a resident’s behalf',
    access: DISPATCHERS,
    params: CommunityPath,
    body: OfflineFeedbackBody,
    response: FeedbackReport,
    status: 201,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/feedback/mine': {
    context: 'feedback',
    summary: 'The caller’s own reports, newest first',
    access: RESIDENT,
    params: CommunityPath,
    query: MyFeedbackQuery,
    response: FeedbackPage,
  },
  'GET /v1/communities/{communityId}/feedback/similar': {
    context: 'feedback',
    summary: 'Recent open reports of the same building and category (join one instead of filing twice)',
    access: ANY_MEMBER,
    params: CommunityPath,
    query: SimilarFeedbackQuery,
    response: FeedbackList,
  },
  'GET /v1/communities/{communityId}/feedback/board': {
    context: 'feedback',
    summary: 'The public board: resolved reports, anonymised',
    access: 'user',
    params: CommunityPath,
    query: MyFeedbackQuery,
    response: BoardPage,
  },
  'GET /v1/communities/{communityId}/feedback': {
    context: 'feedback',
    summary: 'The staff queue: grid workers see their grids, property staff what was dispatched to them, admins all',
    access: FEEDBACK_STAFF,
    params: CommunityPath,
    query: FeedbackQueueQuery,
    response: FeedbackPage,
  },
  'GET /v1/communities/{communityId}/feedback/{reportId}': {
    context: 'feedback',
    summary: 'A report with its timeline (internal notes for staff only)',
    access: ANY_MEMBER,
    params: FeedbackPath,
    response: FeedbackDetail,
  },
  'POST /v1/communities/{communityId}/feedback/{reportId}/events': {
    context: 'feedback',
    summary: 'Act on a report: accept, dispatch, resolve, confirm… (the shared state machine decides)',
    access: ANY_MEMBER,
    params: FeedbackPath,
    body: FeedbackActionBody,
    response: FeedbackDetail,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/staff': {
    context: 'feedback',
    summary: 'Staff of the community, for the dispatch picker',
    access: FEEDBACK_STAFF,
    params: CommunityPath,
    response: StaffList,
  },
  'GET /v1/communities/{communityId}/stats/feedback': {
    context: 'feedback',
    summary: 'Feedback figures for a range of months, by category, grid and month (admins)',
    access: ADMIN,
    params: CommunityPath,
    query: FeedbackStatsQuery,
    response: FeedbackStats,
  },
  'GET /v1/communities/{communityId}/stats/feedback.csv': {
    context: 'feedback',
    summary: 'The same figures as CSV (admins)',
    access: ADMIN,
    params: CommunityPath,
    query: FeedbackStatsQuery,
    response: CsvFile,
    produces: 'text/csv',
  },
  'GET /v1/communities/{communityId}/stats/demand': {
    context: 'feedback',
    summary: 'The demand list: categories × buildings with repeated reports (admins)',
    access: ADMIN,
    params: CommunityPath,
    query: DemandQuery,
    response: DemandList,
  },
  'GET /v1/communities/{communityId}/stats/demand.csv': {
    context: 'feedback',
    summary: 'The demand list as CSV (admins)',
    access: ADMIN,
    params: CommunityPath,
    query: DemandQuery,
    response: CsvFile,
    produces: 'text/csv',
  },
  'POST /v1/communities/{communityId}/open311/keys': {
    context: 'open311',
    summary: 'Issue an Open311 API key for the community (admins; shown once)',
    access: ADMIN,
    params: CommunityPath,
    response: Open311KeyResponse,
    status: 201,
  },
  'GET /open311/v2/services.json': {
    context: 'open311',
    summary: 'Open311: the service list (report categories)',
    access: 'public',
    query: Open311Jurisdiction,
    response: Open311Services,
    errorFormat: 'open311',
  },
  'GET /open311/v2/requests.json': {
    context: 'open311',
    summary: 'Open311: service requests with the specification’s filters',
    access: 'public',
    query: Open311RequestsQuery,
    response: Open311Requests,
    errorFormat: 'open311',
  },
  'POST /open311/v2/requests.json': {
    context: 'open311',
    summary: 'Open311: file a service request (API key per community)',
    access: 'public',
    body: Open311CreateBody,
    bodyFormat: 'form',
    response: Open311Created,
    status: 201,
    errorFormat: 'open311',
  },
  'GET /open311/v2/requests/{requestId}.json': {
    context: 'open311',
    summary: 'Open311: one service request',
    access: 'public',
    params: Open311RequestPath,
    query: Open311Jurisdiction,
    response: Open311Requests,
    errorFormat: 'open311',
  },

  'GET /v1/communities/{communityId}/points/me': {
    context: 'points',
    summary: 'Balance, this month’s earned and spent, and the exchange window',
    access: RESIDENT,
    params: CommunityPath,
    response: PointsSummary,
  },
  'GET /v1/communities/{communityId}/points/me/code': {
    context: 'points',
    summary: 'A fresh member code (valid 60 s; the app refreshes it every 30 s)',
    access: RESIDENT,
    params: CommunityPath,
    response: MemberCode,
  },
  'GET /v1/communities/{communityId}/points/me/ledger': {
    context: 'points',
    summary: 'The caller’s ledger, newest first',
    access: RESIDENT,
    params: CommunityPath,
    query: LedgerQuery,
    response: LedgerPage,
  },
  'POST /v1/communities/{communityId}/points/credits': {
    context: 'points',
    summary: 'Credit a weigh-in by member code (station operators, at their stations)',
    access: OPERATOR,
    params: CommunityPath,
    body: CreditBody,
    response: CreditResult,
    status: 201,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/rewards': {
    context: 'points',
    summary: 'The rewards catalog with stock at each station',
    access: ANY_MEMBER,
    params: CommunityPath,
    response: RewardList,
  },
  'POST /v1/communities/{communityId}/redemptions': {
    context: 'points',
    summary: 'Reserve rewards on exchange day: points and stock in one transaction',
    access: RESIDENT,
    params: CommunityPath,
    body: ReserveBody,
    response: Redemption,
    status: 201,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/redemptions/mine': {
    context: 'points',
    summary: 'The caller’s reservations and redemptions, newest first',
    access: RESIDENT,
    params: CommunityPath,
    query: LedgerQuery,
    response: RedemptionPage,
  },
  'POST /v1/communities/{communityId}/redemptions/counter': {
    context: 'points',
    summary: 'Counter mode: scan a member code, pick rewards, hand over (station operators)',
    access: OPERATOR,
    params: CommunityPath,
    body: CounterRedeemBody,
    response: Redemption,
    status: 201,
    idempotent: true,
  },
  'POST /v1/communities/{communityId}/redemptions/fulfil': {
    context: 'points',
    summary: 'Scan a pickup code and hand over (station operators)',
    access: OPERATOR,
    params: CommunityPath,
    body: FulfilBody,
    response: Redemption,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/stations/{stationId}/redemptions': {
    context: 'points',
    summary:
      'A station’s reservations waiting to be picked up (or fulfilled, cancelled), oldest first (its operators, admins)',
    access: { roles: ['station_operator', 'admin'] },
    params: StationPath,
    query: StationRedemptionsQuery,
    response: RedemptionPage,
  },
  'POST /v1/communities/{communityId}/redemptions/{redemptionId}/cancel': {
    context: 'points',
    summary: 'Cancel a reservation: points, stock and allowance come back',
    access: RESIDENT,
    params: RedemptionPath,
    body: CancelRedemptionBody,
    response: Redemption,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/activities': {
    context: 'points',
    summary: 'Volunteer activities: upcoming and ongoing soonest first, or past ones; with the caller’s sign-up',
    access: ANY_MEMBER,
    params: CommunityPath,
    query: ActivityListQuery,
    response: ActivityPage,
  },
  'POST /v1/communities/{communityId}/activities': {
    context: 'points',
    summary: 'Publish a volunteer activity run by a staff member (admins)',
    access: ADMIN,
    params: CommunityPath,
    body: CreateActivityBody,
    response: Activity,
    status: 201,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/activities/{activityId}': {
    context: 'points',
    summary: 'One activity with the caller’s sign-up, check-in and credit',
    access: ANY_MEMBER,
    params: ActivityPath,
    response: Activity,
  },
  'POST /v1/communities/{communityId}/activities/{activityId}/signup': {
    context: 'points',
    summary: 'Sign up for an activity: once per person, within its capacity, before it starts',
    access: RESIDENT,
    params: ActivityPath,
    response: Activity,
  },
  'GET /v1/communities/{communityId}/activities/{activityId}/checkin-code': {
    context: 'points',
    summary: 'The organiser’s rotating check-in code (valid 60 s) while check-in is open',
    access: ACTIVITY_STAFF,
    params: ActivityPath,
    response: CheckinCode,
  },
  'POST /v1/communities/{communityId}/activities/{activityId}/checkin': {
    context: 'points',
    summary: 'Check in at the activity with the scanned organiser’s code',
    access: RESIDENT,
    params: ActivityPath,
    body: CheckinBody,
    response: Activity,
  },
  'GET /v1/communities/{communityId}/activities/{activityId}/signups': {
    context: 'points',
    summary: 'Who signed up, checked in and was credited (the organiser or admins)',
    access: ACTIVITY_STAFF,
    params: ActivityPath,
    response: SignupList,
  },
  'POST /v1/communities/{communityId}/activities/{activityId}/attendance': {
    context: 'points',
    summary: 'Confirm attendance: volunteer points for each attendee, once per person and activity',
    access: ACTIVITY_STAFF,
    params: ActivityPath,
    body: AttendanceBody,
    response: AttendanceResult,
  },
  'GET /v1/communities/{communityId}/rewards/all': {
    context: 'points',
    summary: 'The whole catalog, inactive rewards too, with stock at each station (admins)',
    access: ADMIN,
    params: CommunityPath,
    response: AdminRewardList,
  },
  'POST /v1/communities/{communityId}/rewards': {
    context: 'points',
    summary: 'Add a reward to the catalog (admins); stock is added per station afterwards',
    access: ADMIN,
    params: CommunityPath,
    body: RewardBody,
    response: AdminReward,
    status: 201,
    idempotent: true,
  },
  'PUT /v1/communities/{communityId}/rewards/{rewardId}': {
    context: 'points',
    summary: 'Change a reward: name, description, cost, picture, monthly limit, active (admins)',
    access: ADMIN,
    params: RewardPath,
    body: RewardBody,
    response: AdminReward,
  },
  'POST /v1/communities/{communityId}/rewards/{rewardId}/stock': {
    context: 'points',
    summary: 'Goods in or out at a station, with the reason, logged in the same transaction; never below 0 (admins)',
    access: ADMIN,
    params: RewardPath,
    body: StockChangeBody,
    response: StockChangeResult,
    status: 201,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/rewards/{rewardId}/stock-log': {
    context: 'points',
    summary: 'A reward’s stock changes with who and why, newest first (admins)',
    access: ADMIN,
    params: RewardPath,
    query: StockLogQuery,
    response: StockLogPage,
  },
  'POST /v1/communities/{communityId}/points/adjustments': {
    context: 'points',
    summary: 'Adjust a resident’s balance with a reason: an `adjust` entry, never below 0 (admins)',
    access: ADMIN,
    params: CommunityPath,
    body: AdjustBody,
    response: Adjustment,
    status: 201,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/points/held': {
    context: 'points',
    summary: 'Weigh-ins held for review (or decided ones), newest first (admins)',
    access: ADMIN,
    params: CommunityPath,
    query: HeldCreditQuery,
    response: HeldCreditPage,
  },
  'POST /v1/communities/{communityId}/points/held/{creditId}/approve': {
    context: 'points',
    summary: 'Approve a held weigh-in: credited through the ledger, once (admins)',
    access: ADMIN,
    params: HeldCreditPath,
    response: HeldCredit,
  },
  'POST /v1/communities/{communityId}/points/held/{creditId}/reject': {
    context: 'points',
    summary: 'Reject a held weigh-in with a reason, once (admins)',
    access: ADMIN,
    params: HeldCreditPath,
    body: RejectHeldBody,
    response: HeldCredit,
  },
  'GET /v1/communities/{communityId}/stats/points': {
    context: 'points',
    summary: 'Points figures by Shanghai month: kg by material, households by building, issued and redeemed (admins)',
    access: ADMIN,
    params: CommunityPath,
    query: PointsStatsQuery,
    response: PointsStats,
  },
  'GET /v1/communities/{communityId}/stats/points.csv': {
    context: 'points',
    summary: 'The same figures as CSV (admins)',
    access: ADMIN,
    params: CommunityPath,
    query: PointsStatsQuery,
    response: CsvFile,
    produces: 'text/csv',
  },
  'GET /v1/communities/{communityId}/points/leaderboard': {
    context: 'points',
    summary: 'This month’s leaderboard of residents who opted in, by points earned',
    access: ANY_MEMBER,
    params: CommunityPath,
    response: Leaderboard,
  },
  'PUT /v1/communities/{communityId}/points/me/leaderboard': {
    context: 'points',
    summary: 'Join the leaderboard under a display name (content-checked), or leave it',
    access: RESIDENT,
    params: CommunityPath,
    body: LeaderboardOptInBody,
    response: LeaderboardOptIn,
  },

  'GET /v1/communities/{communityId}/bulletins': {
    context: 'bulletins',
    summary: 'The feed: pinned first, then newest, only what the reader’s audience includes',
    access: ANY_MEMBER,
    params: CommunityPath,
    query: FeedQuery,
    response: FeedPage,
  },
  'GET /v1/communities/{communityId}/bulletins/unread': {
    context: 'bulletins',
    summary: 'How many bulletins of the last 60 days the caller has not read (the tab badge)',
    access: ANY_MEMBER,
    params: CommunityPath,
    response: UnreadCount,
  },
  'GET /v1/communities/{communityId}/bulletins/manage': {
    context: 'bulletins',
    summary: 'Bulletins by review status (admins); the published ones (grid workers, to follow up unread homes)',
    access: DISPATCHERS,
    params: CommunityPath,
    query: ManageQuery,
    response: ManagePage,
  },
  'POST /v1/communities/{communityId}/bulletins': {
    context: 'bulletins',
    summary: 'Write a bulletin (a draft; admins)',
    access: ADMIN,
    params: CommunityPath,
    body: BulletinBody,
    response: Bulletin,
    status: 201,
    idempotent: true,
  },
  'GET /v1/communities/{communityId}/bulletins/{bulletinId}': {
    context: 'bulletins',
    summary: 'A bulletin, rendered as blocks',
    access: ANY_MEMBER,
    params: BulletinPath,
    response: Bulletin,
  },
  'PUT /v1/communities/{communityId}/bulletins/{bulletinId}': {
    context: 'bulletins',
    summary: 'Edit a bulletin; a published one gets a new revision (admins)',
    access: ADMIN,
    params: BulletinPath,
    body: UpdateBulletinBody,
    response: Bulletin,
  },
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/submit': {
    context: 'bulletins',
    summary: 'Submit a draft for review (admins)',
    access: ADMIN,
    params: BulletinPath,
    response: Bulletin,
  },
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/approve': {
    context: 'bulletins',
    summary: 'Approve a submitted bulletin: a second admin, never the author',
    access: ADMIN,
    params: BulletinPath,
    response: Bulletin,
  },
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/reject': {
    context: 'bulletins',
    summary: 'Send a submitted bulletin back to its author with a reason (admins)',
    access: ADMIN,
    params: BulletinPath,
    body: RejectBulletinBody,
    response: Bulletin,
  },
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/withdraw': {
    context: 'bulletins',
    summary: 'Withdraw a bulletin; the record is kept (admins)',
    access: ADMIN,
    params: BulletinPath,
    response: Bulletin,
  },
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/read': {
    context: 'bulletins',
    summary: '“I have read this”: a receipt, once per reader',
    access: ANY_MEMBER,
    params: BulletinPath,
    response: ReadReceipt,
  },
  'GET /v1/communities/{communityId}/bulletins/{bulletinId}/reads': {
    context: 'bulletins',
    summary: 'Readers ÷ audience by building; unread homes by grid for important notices',
    access: { roles: ['admin', 'grid_worker'] },
    params: BulletinPath,
    response: BulletinReads,
  },
  'GET /v1/communities/{communityId}/bulletins/{bulletinId}/reads.csv': {
    context: 'bulletins',
    summary: 'The read figures as CSV',
    access: { roles: ['admin', 'grid_worker'] },
    params: BulletinPath,
    response: CsvFile,
    produces: 'text/csv',
  },
  'POST /v1/communities/{communityId}/newsletters': {
    context: 'bulletins',
    summary: 'Put together an issue of the neighbourhood newsletter (admins)',
    access: ADMIN,
    params: CommunityPath,
    body: NewsletterBody,
    response: Newsletter,
    status: 201,
  },
  'GET /v1/communities/{communityId}/newsletters': {
    context: 'bulletins',
    summary: 'Issues of the neighbourhood newsletter',
    access: ANY_MEMBER,
    params: CommunityPath,
    response: NewsletterList,
  },
  'GET /v1/communities/{communityId}/newsletters/{issueId}': {
    context: 'bulletins',
    summary: 'One issue: cover and table of contents',
    access: ANY_MEMBER,
    params: NewsletterPath,
    response: Newsletter,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof routes;

export interface RouteEntry {
  readonly key: RouteKey;
  readonly method: string;
  readonly path: string;
  readonly spec: RouteSpec;
}

/** Every route as a list, for servers and the CDK stack; `stage` drops the others. */
export function routeList(stage?: Stage): RouteEntry[] {
  return (Object.entries(routes) as [RouteKey, RouteSpec][])
    .filter(([, spec]) => !stage || !spec.stages || spec.stages.includes(stage))
    .map(([key, spec]) => {
      const [method, path] = key.split(' ') as [string, string];
      return { key, method, path, spec };
    });
}
