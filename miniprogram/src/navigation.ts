import Taro from '@tarojs/taro';

/** Every page path in one place; tab pages use switchTab, the rest navigateTo. */
export const PAGES = {
  home: '/pages/home/index',
  feedback: '/pages/feedback/index',
  points: '/pages/points/index',
  mine: '/pages/mine/index',
  signIn: '/pages/signin/index',
  privacyPolicy: '/pages/privacy/index',
  household: '/pages/household/index',
  myData: '/pages/my-data/index',
  workbench: '/packages/staff/workbench/index',
  householdReview: '/packages/admin/households/index',
  feedbackSubmit: '/packages/feedback/submit/index',
  feedbackDetail: '/packages/feedback/detail/index',
  feedbackBoard: '/packages/feedback/board/index',
  feedbackOffline: '/packages/feedback/offline/index',
  feedbackQueue: '/packages/staff/queue/index',
  feedbackStats: '/packages/admin/stats/index',
  demandList: '/packages/admin/demand/index',
  communitySettings: '/packages/admin/settings/index',
  streetDashboard: '/packages/street/dashboard/index',
  streetCommunity: '/packages/street/community/index',
  streetEscalations: '/packages/street/escalations/index',
  unitQueue: '/packages/staff/unit/index',
  unitJoin: '/packages/staff/join/index',
  streetUnits: '/packages/street/units/index',
  streetBulletins: '/packages/street/bulletins/index',
  streetBulletinEdit: '/packages/street/bulletin-edit/index',
  streetBulletin: '/packages/street/bulletin/index',
} as const;

const TAB_PAGES: readonly string[] = [PAGES.home, PAGES.feedback, PAGES.points, PAGES.mine];

/** A tab page (`/pages/home/index`, with or without a query). */
export function isTabPage(url: string): boolean {
  return TAB_PAGES.includes(url.split('?')[0] ?? url);
}

export function go(url: string): void {
  const path = url.split('?')[0] ?? url;
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}

/** `path?key=value&…`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string] => !!entry[1])
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** A report's page; the notification WeChat sends links to the same path and query. */
export function reportUrl(communityId: string, reportId: string): string {
  return withQuery(PAGES.feedbackDetail, { communityId, reportId });
}

export function goSignIn(): void {
  go(PAGES.signIn);
}
