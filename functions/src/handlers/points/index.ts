import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { pointsRoutes } from '../../routes/points.js';
import adjustPoints from './adjust-points.js';
import approveHeldCredit from './approve-held-credit.js';
import cancelActivitySignup from './cancel-activity-signup.js';
import cancelRedemption from './cancel-redemption.js';
import changeStock from './change-stock.js';
import checkInActivity from './check-in-activity.js';
import confirmAttendance from './confirm-attendance.js';
import confirmCreditRequest from './confirm-credit-request.js';
import confirmUnitAttendance from './confirm-unit-attendance.js';
import createActivity from './create-activity.js';
import createReward from './create-reward.js';
import createUnitActivity from './create-unit-activity.js';
import creditWeighIn from './credit-weigh-in.js';
import declineCreditRequest from './decline-credit-request.js';
import fulfilRedemption from './fulfil-redemption.js';
import getActivity from './get-activity.js';
import getCheckinCode from './get-checkin-code.js';
import getCreditRequest from './get-credit-request.js';
import getLeaderboard from './get-leaderboard.js';
import getMemberCode from './get-member-code.js';
import getPoints from './get-points.js';
import getPointsStats from './get-points-stats.js';
import getPointsStatsCsv from './get-points-stats-csv.js';
import getSortQuality from './get-sort-quality.js';
import getSortQualityCsv from './get-sort-quality-csv.js';
import getSortingGuide from './get-sorting-guide.js';
import getUnitCheckinCode from './get-unit-checkin-code.js';
import listActivities from './list-activities.js';
import listActivitySignups from './list-activity-signups.js';
import listAllRewards from './list-all-rewards.js';
import listHeldCredits from './list-held-credits.js';
import listLedger from './list-ledger.js';
import listMyCreditRequests from './list-my-credit-requests.js';
import listMyRedemptions from './list-my-redemptions.js';
import listRewards from './list-rewards.js';
import listStationHomes from './list-station-homes.js';
import listStationRedemptions from './list-station-redemptions.js';
import listStockLog from './list-stock-log.js';
import listUnitActivities from './list-unit-activities.js';
import listUnitActivitySignups from './list-unit-activity-signups.js';
import redeemAtCounter from './redeem-at-counter.js';
import rejectHeldCredit from './reject-held-credit.js';
import replaceSortingGuide from './replace-sorting-guide.js';
import requestCredit from './request-credit.js';
import reserveRewards from './reserve-rewards.js';
import setLeaderboardOptIn from './set-leaderboard-opt-in.js';
import signUpActivity from './sign-up-activity.js';
import updateReward from './update-reward.js';

export const handler = contextHandler(
  pointsRoutes,
  [
    getPoints,
    getMemberCode,
    listLedger,
    creditWeighIn,
    listStationHomes,
    requestCredit,
    getCreditRequest,
    listMyCreditRequests,
    confirmCreditRequest,
    declineCreditRequest,
    getSortingGuide,
    replaceSortingGuide,
    listRewards,
    reserveRewards,
    listMyRedemptions,
    redeemAtCounter,
    fulfilRedemption,
    listStationRedemptions,
    cancelRedemption,
    listActivities,
    createActivity,
    getActivity,
    signUpActivity,
    cancelActivitySignup,
    getCheckinCode,
    checkInActivity,
    listActivitySignups,
    confirmAttendance,
    listUnitActivities,
    createUnitActivity,
    getUnitCheckinCode,
    listUnitActivitySignups,
    confirmUnitAttendance,
    listAllRewards,
    createReward,
    updateReward,
    changeStock,
    listStockLog,
    adjustPoints,
    listHeldCredits,
    approveHeldCredit,
    rejectHeldCredit,
    getPointsStats,
    getPointsStatsCsv,
    getSortQuality,
    getSortQualityCsv,
    getLeaderboard,
    setLeaderboardOptIn,
  ],
  config.stage,
);
