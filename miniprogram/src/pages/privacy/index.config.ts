export default definePageConfig({
  navigationBarTitleText: '隐私保护指引',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
