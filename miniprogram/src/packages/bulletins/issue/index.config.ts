export default definePageConfig({
  navigationBarTitleText: '睦邻服务报',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
  enableShareAppMessage: true,
});
