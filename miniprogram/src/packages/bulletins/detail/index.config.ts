export default definePageConfig({
  navigationBarTitleText: '社区公告',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
  // 转发给朋友: the share opens this same bulletin.
  enableShareAppMessage: true,
});
