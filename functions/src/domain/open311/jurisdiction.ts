import { NotFoundError } from '@linli/shared';
import type { CommunityRecord } from '../../data/communities.js';
import type { Open311Deps } from './deps.js';

/** An Open311 jurisdiction is one community. */
export async function jurisdiction(
  deps: Pick<Open311Deps, 'communities'>,
  jurisdictionId: string,
): Promise<CommunityRecord> {
  const community = await deps.communities.get(jurisdictionId);
  if (!community)
    throw new NotFoundError('JURISDICTION_NOT_FOUND', `找不到 jurisdiction_id 为 ${jurisdictionId} 的社区`);
  return community;
}
