import * as part from '../../deps.js';

/** What the communities context uses, built once per cold start. */
export const deps = part.once(() => ({
  config: part.config,
  communities: part.communities(),
  households: part.households(),
  users: part.users(),
  messages: part.messages(),
  workbench: part.workbench(),
  streets: part.streets(),
  rollups: part.rollups(),
  photos: part.photos(),
  now: part.now,
}));
