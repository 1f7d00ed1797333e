import * as part from '../../deps.js';

/** What the system context uses, built once per cold start. */
export const deps = part.once(() => ({
  config: part.config,
  now: part.now,
}));
