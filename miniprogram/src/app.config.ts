export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/feedback/index',
    'pages/points/index',
    'pages/mine/index',
    'pages/signin/index',
    'pages/privacy/index',
    'pages/household/index',
    'pages/my-data/index',
  ],
  subPackages: [
    { root: 'packages/staff', name: 'staff', pages: ['workbench/index'] },
    { root: 'packages/admin', name: 'admin', pages: ['households/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f4f4',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#595959',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/feedback/index',
        text: '意见箱',
        iconPath: 'assets/tab/feedback.png',
        selectedIconPath: 'assets/tab/feedback-active.png',
      },
      {
        pagePath: 'pages/points/index',
        text: '积分',
        iconPath: 'assets/tab/points.png',
        selectedIconPath: 'assets/tab/points-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png',
      },
    ],
  },
  // Consent flows through wx.onNeedPrivacyAuthorization and our dialog (services/privacy-prompt.ts).
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
