import type { CommunitiesRepository } from '../../data/communities.js';
import type { HouseholdsRepository } from '../../data/households.js';
import type { PointsRepository } from '../../data/points.js';
import type { UsersRepository } from '../../data/users.js';
import type { SignedCodes } from '../../http/signed-codes.js';

export interface PointsDeps {
  points: PointsRepository;
  households: HouseholdsRepository;
  communities: CommunitiesRepository;
  users: UsersRepository;
  codes: SignedCodes;
  photos: { presignGet(key: string): Promise<string> };
  now: () => Date;
}
