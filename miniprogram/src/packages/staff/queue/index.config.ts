export default definePageConfig({
  navigationBarTitleText: '意见箱工作',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
