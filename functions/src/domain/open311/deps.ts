import type { Open311KeysRepository } from '../../data/open311-keys.js';
import type { FeedbackDeps } from '../feedback/deps.js';

/** Open311 is a door onto the feedback box: its dependencies plus the community's API keys. */
export interface Open311Deps extends FeedbackDeps {
  open311Keys: Open311KeysRepository;
}
