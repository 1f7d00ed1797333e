import {
  type Community,
  type CommunitySettings,
  ConflictError,
  NotFoundError,
  type UpdateSettingsBody,
} from '@linli/shared';
import type { CommunitiesRepository } from '../../data/communities.js';

export interface CommunityDeps {
  communities: CommunitiesRepository;
}

export async function getCommunity(deps: CommunityDeps, communityId: string): Promise<Community> {
  const community = await deps.communities.get(communityId);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  return community;
}

/** Admins replace whole sections; a stale `version` is refused, never silently overwritten. */
export async function updateSettings(
  deps: CommunityDeps,
  communityId: string,
  change: UpdateSettingsBody,
): Promise<CommunitySettings> {
  const current = await deps.communities.getSettings(communityId);
  if (!current) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  const stale = new ConflictError('SETTINGS_CHANGED', '设置已被其他管理员修改，请刷新后再改');
  if (change.version !== current.version) throw stale;
  const next: CommunitySettings = {
    version: current.version + 1,
    sla: change.sla ?? current.sla,
    exchangeDay: change.exchangeDay ?? current.exchangeDay,
    pointsRules: change.pointsRules ?? current.pointsRules,
    feedback: change.feedback ?? current.feedback,
    followUp: change.followUp ?? current.followUp,
  };
  if (!(await deps.communities.replaceSettings(communityId, current.version, next))) throw stale;
  return next;
}
