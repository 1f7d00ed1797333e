export default definePageConfig({
  navigationBarTitleText: '社区统计',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
