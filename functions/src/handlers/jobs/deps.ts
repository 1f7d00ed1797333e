import * as part from '../../deps.js';

/** What the jobs context uses, built once per cold start. */
export const deps = part.once(() => ({
  feedback: part.feedback(),
  bulletins: part.bulletins(),
  points: part.points(),
  pointCodes: part.pointCodes(),
  households: part.households(),
  communities: part.communities(),
  users: part.users(),
  units: part.units(),
  streets: part.streets(),
  messages: part.messages(),
  codes: part.codes(),
  photos: part.photos(),
  activities: part.activities(),
  leaderboard: part.leaderboard(),
  rollups: part.rollups(),
  sweepCursors: part.sweepCursors(),
  photoChecks: part.photoChecks(),
  wechat: part.wechat(),
  templates: part.config.wechat.templates,
  now: part.now,
}));
