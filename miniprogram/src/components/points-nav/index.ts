/** The points pages in their subpackages (points, station, points-admin); go() from navigation.ts opens them. */
export const POINTS_PAGES = {
  code: '/packages/points/code/index',
  ledger: '/packages/points/ledger/index',
  rewards: '/packages/points/rewards/index',
  redemptions: '/packages/points/redemptions/index',
  activities: '/packages/points/activities/index',
  leaderboard: '/packages/points/leaderboard/index',
  sorting: '/packages/points/sorting/index',
  stationCredit: '/packages/station/credit/index',
  stationFulfil: '/packages/station/fulfil/index',
  stationCounter: '/packages/station/counter/index',
  adminRewards: '/packages/points-admin/rewards/index',
  adminHeld: '/packages/points-admin/held/index',
  adminAdjust: '/packages/points-admin/adjust/index',
  adminStats: '/packages/points-admin/stats/index',
  adminActivities: '/packages/points-admin/activities/index',
  adminSorting: '/packages/points-admin/sorting/index',
} as const;
