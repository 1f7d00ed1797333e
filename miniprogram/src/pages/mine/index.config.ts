export default definePageConfig({
  navigationBarTitleText: '我的',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
