import * as part from '../../deps.js';

/** What the outbox context uses, built once per cold start. */
export const deps = part.once(() => ({
  messages: part.messages(),
  photoChecks: part.photoChecks(),
  users: part.users(),
  wechat: part.wechat(),
  photos: part.photos(),
  templates: part.config.wechat.templates,
  now: part.now,
}));
