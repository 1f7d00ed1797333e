export default definePageConfig({
  navigationBarTitleText: '公告阅读情况',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
