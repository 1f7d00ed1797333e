import * as part from '../../deps.js';

/** What the points context uses, built once per cold start. */
export const deps = part.once(() => ({
  config: part.config,
  points: part.points(),
  pointCodes: part.pointCodes(),
  households: part.households(),
  communities: part.communities(),
  users: part.users(),
  messages: part.messages(),
  codes: part.codes(),
  photos: part.photos(),
  activities: part.activities(),
  units: part.units(),
  leaderboard: part.leaderboard(),
  rollups: part.rollups(),
  sortingGuides: part.sortingGuides(),
  photoChecks: part.photoChecks(),
  wechat: part.wechat(),
  now: part.now,
}));
