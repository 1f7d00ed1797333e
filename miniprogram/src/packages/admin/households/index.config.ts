export default definePageConfig({
  navigationBarTitleText: '住户审核',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
