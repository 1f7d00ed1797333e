export default definePageConfig({
  navigationBarTitleText: '议事清单',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
