export default definePageConfig({
  navigationBarTitleText: '兑换物品',
  enablePageMeta: true,
});
