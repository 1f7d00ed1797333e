export default definePageConfig({
  navigationBarTitleText: '称重记积分',
  enablePageMeta: true,
});
