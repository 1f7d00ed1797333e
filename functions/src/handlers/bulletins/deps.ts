import * as part from '../../deps.js';

/** What the bulletins context uses, built once per cold start. */
export const deps = part.once(() => ({
  bulletins: part.bulletins(),
  communities: part.communities(),
  users: part.users(),
  streets: part.streets(),
  messages: part.messages(),
  photoChecks: part.photoChecks(),
  photos: part.photos(),
  wechat: part.wechat(),
  now: part.now,
}));
