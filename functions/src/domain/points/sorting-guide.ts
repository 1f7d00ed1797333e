/** The community's side of the sorting guide: read by every member, changed by its admins. */
import { ConflictError, NotFoundError, type SortingGuide, type SortingGuideBody } from '@linli/shared';
import type { CommunitiesRepository } from '../../data/communities.js';
import type { SortingGuideRecord, SortingGuidesRepository } from '../../data/sorting-guides.js';

export interface SortingGuideDeps {
  sortingGuides: SortingGuidesRepository;
  communities: Pick<CommunitiesRepository, 'shown'>;
  now: () => Date;
}

/** A community nobody has set up yet: national names, no local entries. */
const blank = (communityId: string): SortingGuide => ({
  communityId,
  standard: 'national',
  entries: [],
  version: 0,
  updatedAt: null,
});

const view = (r: SortingGuideRecord): SortingGuide => ({
  communityId: r.communityId,
  standard: r.standard,
  entries: r.entries,
  version: r.version,
  updatedAt: r.updatedAt,
});

export async function sortingGuide(deps: SortingGuideDeps, communityId: string): Promise<SortingGuide> {
  const [community, guide] = await Promise.all([
    deps.communities.shown(communityId),
    deps.sortingGuides.get(communityId),
  ]);
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  return guide ? view(guide) : blank(communityId);
}

export async function replaceSortingGuide(
  deps: SortingGuideDeps,
  communityId: string,
  body: SortingGuideBody,
): Promise<SortingGuide> {
  const next: SortingGuideRecord = {
    communityId,
    standard: body.standard,
    entries: body.entries,
    version: body.version + 1,
    updatedAt: deps.now().toISOString(),
  };
  if (!(await deps.sortingGuides.replace(next, body.version)))
    throw new ConflictError('SORTING_GUIDE_CHANGED', '分类指南刚被其他管理员修改过，请刷新后再改');
  return view(next);
}
