export default definePageConfig({
  navigationBarTitleText: '公示栏',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
