export default definePageConfig({
  navigationBarTitleText: '兑换发放',
  enablePageMeta: true,
});
