import type { Role } from '@linli/shared';
import type { BulletinsRepository } from '../../data/bulletins.js';
import type { CommunitiesRepository } from '../../data/communities.js';
import type { MessagesRepository } from '../../data/messages.js';
import type { PhotoChecksRepository } from '../../data/photo-checks.js';
import type { UsersRepository } from '../../data/users.js';

export interface BulletinDeps {
  bulletins: BulletinsRepository;
  communities: CommunitiesRepository;
  users: UsersRepository;
  /** An important bulletin is announced in each resident's 消息, after it is published (a fan-out). */
  messages: Pick<MessagesRepository, 'put'>;
  /** Images are checked by WeChat asynchronously, queued with the write that shows them (the feed waits for a cover's). */
  photoChecks: Pick<PhotoChecksRepository, 'checkItems' | 'get'>;
  photos: {
    presignGet(key: string): Promise<string>;
    exists(key: string): Promise<boolean>;
    attach(key: string): Promise<void>;
  };
  wechat: {
    msgSecCheck(i: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<{ pass: boolean }>;
  };
  now: () => Date;
}

/** The caller in the community: who they are and where they live (residents). */
export interface Reader {
  userId: string;
  name: string;
  openid?: string;
  roles: Role[];
  gridIds: string[];
  home: { estateId: string; buildingId: string; gridId: string | null } | null;
}
