import type { CommunitiesRepository } from '../../data/communities.js';
import type { HouseholdsRepository } from '../../data/households.js';
import type { MessagesRepository } from '../../data/messages.js';
import type { PointCodesRepository } from '../../data/point-codes.js';
import type { PointsRepository } from '../../data/points.js';
import type { UsersRepository } from '../../data/users.js';
import type { SignedCodes } from '../../http/signed-codes.js';

export interface PointsDeps {
  points: PointsRepository;
  /** Member and pickup codes as issued, and the confirmations that stand in for a code. */
  pointCodes: PointCodesRepository;
  households: HouseholdsRepository;
  communities: CommunitiesRepository;
  users: UsersRepository;
  /** Messages commit with the change that causes them; the exchange-morning reminder is written on its own. */
  messages: Pick<MessagesRepository, 'messageItems' | 'put' | 'existing'>;
  codes: SignedCodes;
  photos: { presignGet(key: string): Promise<string> };
  now: () => Date;
}
