export default definePageConfig({
  navigationBarTitleText: '街道工作台',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
