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
    // 消息: small, and reached from the 我的 tab, so it stays in the main package.
    'pages/messages/index',
  ],
  subPackages: [
    // Reporting, a report's detail and the public board: heavier than a tab page, loaded on first use.
    {
      root: 'packages/feedback',
      name: 'feedback',
      pages: ['submit/index', 'detail/index', 'board/index', 'offline/index'],
    },
    // Staff pages; 单位工作台 (a unit's queue of dispatched reports) beside the community's own queue.
    { root: 'packages/staff', name: 'staff', pages: ['workbench/index', 'queue/index', 'unit/index', 'join/index'] },
    // The figures page draws its charts with echarts, which must never reach the main package.
    {
      root: 'packages/admin',
      name: 'admin',
      pages: ['households/index', 'stats/index', 'demand/index', 'settings/index'],
    },
    // 街道工作台: the street office compares its communities (charts through the admin subpackage's echarts renderer).
    {
      root: 'packages/street',
      name: 'street',
      pages: [
        'dashboard/index',
        'community/index',
        'escalations/index',
        'units/index',
        'bulletins/index',
        'bulletin-edit/index',
        'bulletin/index',
      ],
    },
    // Points: the member code and pickup codes draw QR codes (qrcode-generator), kept out of the main package.
    {
      root: 'packages/points',
      name: 'points',
      pages: [
        'code/index',
        'ledger/index',
        'rewards/index',
        'redemptions/index',
        'activities/index',
        'leaderboard/index',
        'sorting/index',
      ],
    },
    { root: 'packages/station', name: 'station', pages: ['credit/index', 'fulfil/index', 'counter/index'] },
    {
      root: 'packages/points-admin',
      name: 'points-admin',
      pages: ['rewards/index', 'held/index', 'adjust/index', 'stats/index', 'activities/index', 'sorting/index'],
    },
    // Bulletins: reading a bulletin or a newsletter issue; the editors' pages apart, residents never fetch them.
    { root: 'packages/bulletins', name: 'bulletins', pages: ['detail/index', 'issue/index'] },
    {
      root: 'packages/bulletins-admin',
      name: 'bulletins-admin',
      pages: ['edit/index', 'review/index', 'reads/index', 'published/index'],
    },
  ],
  // A resident who opens 意见箱 will most likely report next: fetch that subpackage in the background.
  preloadRule: {
    'pages/feedback/index': { network: 'all', packages: ['feedback'] },
  },
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
  // The location APIs we call (the map pin on a report), as WeChat requires them declared; the privacy guide names it.
  requiredPrivateInfos: ['chooseLocation'],
  lazyCodeLoading: 'requiredComponents',
});
