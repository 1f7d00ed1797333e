export default definePageConfig({
  navigationBarTitleText: '我的积分码',
  enablePageMeta: true,
});
