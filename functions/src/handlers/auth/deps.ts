import * as part from '../../deps.js';

/** What the auth context uses, built once per cold start. */
export const deps = part.once(() => ({
  config: part.config,
  users: part.users(),
  tokens: part.tokens(),
  wechat: part.wechat(),
  households: part.households(),
  points: part.points(),
  feedback: part.feedback(),
  photos: part.photos(),
  now: part.now,
}));
