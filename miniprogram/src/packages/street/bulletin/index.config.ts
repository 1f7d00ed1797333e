export default definePageConfig({
  navigationBarTitleText: '街道公告审核',
  // page-meta root-font-size="system": text follows the WeChat font setting.
  enablePageMeta: true,
});
