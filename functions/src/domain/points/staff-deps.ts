import type { ActivitiesRepository } from '../../data/activities.js';
import type { LeaderboardRepository } from '../../data/leaderboard.js';
import type { PhotoChecksRepository } from '../../data/photo-checks.js';
import type { RollupsRepository } from '../../data/rollups.js';
import type { UnitsRepository } from '../../data/units.js';
import type { PointsDeps } from './deps.js';

/** What activities, the admin tools, expiry and the figures need beyond the resident and counter flows. */
export interface PointsStaffDeps extends PointsDeps {
  activities: ActivitiesRepository;
  leaderboard: LeaderboardRepository;
  /** The figures' roll-ups, kept by the stream consumer. */
  rollups: Pick<RollupsRepository, 'months'>;
  /** A unit's service area, for its volunteer posts (部门报到). */
  units: Pick<UnitsRepository, 'get'>;
  /** A reward's picture is checked by WeChat asynchronously, queued with the write that shows it. */
  photoChecks: Pick<PhotoChecksRepository, 'checkItems'>;
  photos: PointsDeps['photos'] & { exists(key: string): Promise<boolean>; attach(key: string): Promise<void> };
  wechat: {
    msgSecCheck(i: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<{ pass: boolean }>;
  };
}
