export default definePageConfig({
  navigationBarTitleText: '反映详情',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
