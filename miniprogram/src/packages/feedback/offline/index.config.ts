export default definePageConfig({
  navigationBarTitleText: '代居民登记',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
