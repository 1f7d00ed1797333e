export default definePageConfig({
  navigationBarTitleText: '吹哨案件',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
