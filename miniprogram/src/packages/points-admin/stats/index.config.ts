export default definePageConfig({
  navigationBarTitleText: '积分统计',
  enablePageMeta: true,
});
