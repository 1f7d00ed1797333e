import { NotFoundError, type Reward } from '@linli/shared';
import type { PointsDeps } from './deps.js';

/** The catalog of a community, with what is on the shelf at each station. */
export async function listRewards(deps: PointsDeps, communityId: string): Promise<{ items: Reward[] }> {
  const [community, catalog] = await Promise.all([
    deps.communities.shown(communityId),
    deps.points.rewards(communityId),
  ]);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const items = await Promise.all(
    catalog.rewards
      .filter((r) => r.active)
      .map(async (r) => ({
        rewardId: r.rewardId,
        name: r.name,
        description: r.description,
        pointsCost: r.pointsCost,
        // A picture WeChat's check judged risky is never shown to residents: the reward shows none.
        imageUrl:
          r.imageKey && !(r.riskyPhotos ?? []).includes(r.imageKey) ? await deps.photos.presignGet(r.imageKey) : null,
        monthlyLimit: r.monthlyLimit,
        active: r.active,
        stock: community.stations.map((s) => ({
          stationId: s.stationId,
          stationName: s.name,
          quantity: catalog.stock.get(r.rewardId)?.get(s.stationId) ?? 0,
        })),
      })),
  );
  return { items: items.sort((a, b) => a.pointsCost - b.pointsCost) };
}
