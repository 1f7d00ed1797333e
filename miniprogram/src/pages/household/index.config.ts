export default definePageConfig({
  navigationBarTitleText: '绑定房屋',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
