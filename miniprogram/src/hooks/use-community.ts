import type { Community } from '@linli/shared';
import { api } from '@/services/api';
import { type AsyncState, useAsync } from './use-async';

const cache = new Map<string, Community>();

/** After an admin changed the settings: the cached community carries them from now on. */
export function rememberSettings(communityId: string, settings: Community['settings']): void {
  const cached = cache.get(communityId);
  if (cached) cache.set(communityId, { ...cached, settings });
}

/** A community with its estates, buildings, stations and settings (cached for the session). */
export function useCommunity(communityId: string | undefined): AsyncState<Community> {
  return useAsync(communityId ?? null, async () => {
    if (!communityId) throw new Error('no community');
    const cached = cache.get(communityId);
    if (cached) return cached;
    const community = await api.community(communityId);
    cache.set(communityId, community);
    return community;
  });
}
