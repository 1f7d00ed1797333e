export default definePageConfig({
  navigationBarTitleText: '加入单位',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
