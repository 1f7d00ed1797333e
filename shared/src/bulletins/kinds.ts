export const BULLETIN_KINDS = ['notice', 'news', 'event', 'newsletter', 'good_deed', 'civility'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];
export const BULLETIN_KIND_LABELS: Record<BulletinKind, string> = {
  notice: '通知',
  news: '新闻',
  event: '活动',
  newsletter: '睦邻服务报',
  good_deed: '好人好事',
  civility: '文明曝光',
};

export const BULLETIN_STATUSES = ['draft', 'submitted', 'approved', 'published', 'withdrawn'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];
export const BULLETIN_STATUS_LABELS: Record<BulletinStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '待发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export type Audience =
  | { type: 'community' }
  | { type: 'estates'; estateIds: string[] }
  | { type: 'grids'; gridIds: string[] };

/** Whether a resident living at (estate, grid) is in a bulletin's audience. */
export function inAudience(audience: Audience, home: { estateId: string; gridId: string | null }): boolean {
  if (audience.type === 'community') return true;
  if (audience.type === 'estates') return audience.estateIds.includes(home.estateId);
  return home.gridId !== null && audience.gridIds.includes(home.gridId);
}

/**
 * The buildings a bulletin's audience covers. A home's estate and grid are
 * its building's, so the building is the most specific unit a reader has:
 * the feed is kept per building.
 */
export function audienceBuildings(
  audience: Audience,
  buildings: readonly { buildingId: string; estateId: string; gridId: string }[],
): string[] {
  return buildings.filter((b) => inAudience(audience, b)).map((b) => b.buildingId);
}

/** The review decisions kept on a bulletin, oldest first: who approved, sent back or withdrew it, when and why. */
export const BULLETIN_DECISIONS = ['approve', 'reject', 'withdraw'] as const;
export type BulletinDecisionAction = (typeof BULLETIN_DECISIONS)[number];
export const BULLETIN_DECISION_LABELS: Record<BulletinDecisionAction, string> = {
  approve: '审核通过',
  reject: '退回修改',
  withdraw: '撤回',
};
