import * as part from '../../deps.js';

/** What the messages context uses, built once per cold start. */
export const deps = part.once(() => ({
  messages: part.messages(),
  users: part.users(),
  pushSecret: part.pushSecret,
  appId: part.config.wechat.appId,
  photoChecks: part.photoChecks(),
  nonces: part.nonces(),
  now: part.now,
}));
