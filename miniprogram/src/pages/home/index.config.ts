export default definePageConfig({
  navigationBarTitleText: '首页',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
  // The feed: pull down to read it again.
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
