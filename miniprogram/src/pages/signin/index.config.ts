export default definePageConfig({
  navigationBarTitleText: '登录',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
