export default definePageConfig({
  navigationBarTitleText: '分类指南',
  enablePageMeta: true,
});
