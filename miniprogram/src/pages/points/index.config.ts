export default definePageConfig({
  navigationBarTitleText: '积分',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
