import * as part from '../../deps.js';

/** What the feedback context uses, built once per cold start. */
export const deps = part.once(() => ({
  feedback: part.feedback(),
  messages: part.messages(),
  photoChecks: part.photoChecks(),
  communities: part.communities(),
  rollups: part.rollups(),
  users: part.users(),
  units: part.units(),
  streets: part.streets(),
  photos: part.photos(),
  wechat: part.wechat(),
  now: part.now,
}));
