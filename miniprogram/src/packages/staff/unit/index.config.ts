export default definePageConfig({
  navigationBarTitleText: '单位工作台',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
