export default definePageConfig({
  navigationBarTitleText: '消息',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
  // Pull down to read the list again.
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
