import type { ActivitiesRepository } from '../../data/activities.js';
import type { LeaderboardRepository } from '../../data/leaderboard.js';
import type { PointsDeps } from './deps.js';

/** What activities, the admin tools, expiry and the figures need beyond the resident and counter flows. */
export interface PointsStaffDeps extends PointsDeps {
  activities: ActivitiesRepository;
  leaderboard: LeaderboardRepository;
  photos: PointsDeps['photos'] & { exists(key: string): Promise<boolean>; read(key: string): Promise<Buffer> };
  wechat: {
    msgSecCheck(i: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<{ pass: boolean }>;
    imgSecCheck(image: Buffer, contentType: string): Promise<{ pass: boolean }>;
  };
}
