import type { Role } from '@linli/shared';
import type { PhotoStore } from '../../clients/photo-store.js';
import type { CommunitiesRepository } from '../../data/communities.js';
import type { FeedbackRepository } from '../../data/feedback.js';
import type { MessagesRepository } from '../../data/messages.js';
import type { PhotoChecksRepository } from '../../data/photo-checks.js';
import type { StreetsRepository } from '../../data/streets.js';
import type { UnitsRepository } from '../../data/units.js';
import type { UsersRepository } from '../../data/users.js';
import type { PhotoUrls } from './view.js';

export interface FeedbackDeps {
  feedback: FeedbackRepository;
  messages: Pick<MessagesRepository, 'messageItems'>;
  photoChecks: Pick<PhotoChecksRepository, 'checkItems'>;
  communities: CommunitiesRepository;
  users: UsersRepository;
  units: Pick<UnitsRepository, 'get' | 'memberIds' | 'ofStreet'>;
  streets: Pick<StreetsRepository, 'adminIds'>;
  photos: PhotoUrls & Pick<PhotoStore, 'exists' | 'attach' | 'read'>;
  wechat: {
    msgSecCheck(i: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<{ pass: boolean }>;
  };
  now: () => Date;
}

/** The caller in the report's community, as the state machine and the timeline need them. */
export interface Actor {
  userId: string;
  name: string;
  openid?: string;
  roles: Role[];
  gridIds: string[];
  /** A unit member working their unit's queue: the unit they act for. */
  unitIds?: string[];
  /** A street admin working the street's desk of escalated cases: the street they act for. */
  streetIds?: string[];
}
