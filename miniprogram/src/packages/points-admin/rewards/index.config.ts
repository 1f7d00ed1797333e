export default definePageConfig({
  navigationBarTitleText: '兑换品和库存',
  enablePageMeta: true,
});
