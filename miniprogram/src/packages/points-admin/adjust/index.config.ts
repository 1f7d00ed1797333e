export default definePageConfig({
  navigationBarTitleText: '调整积分',
  enablePageMeta: true,
});
