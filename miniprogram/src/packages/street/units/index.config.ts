export default definePageConfig({
  navigationBarTitleText: '单位管理',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
