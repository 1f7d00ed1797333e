import * as part from '../../deps.js';

/** What the open311 context uses, built once per cold start. */
export const deps = part.once(() => ({
  feedback: part.feedback(),
  messages: part.messages(),
  photoChecks: part.photoChecks(),
  communities: part.communities(),
  users: part.users(),
  units: part.units(),
  streets: part.streets(),
  photos: part.photos(),
  wechat: part.wechat(),
  open311Keys: part.open311Keys(),
  now: part.now,
}));
