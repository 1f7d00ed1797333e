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
} as const;

const TAB_PAGES: readonly string[] = [PAGES.home, PAGES.feedback, PAGES.points, PAGES.mine];

export function go(url: string): void {
  const path = url.split('?')[0] ?? url;
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}

export function goSignIn(): void {
  go(PAGES.signIn);
}
