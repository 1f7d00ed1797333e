export default definePageConfig({
  navigationBarTitleText: '我要反映',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
