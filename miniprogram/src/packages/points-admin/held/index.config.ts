export default definePageConfig({
  navigationBarTitleText: '待审核称重',
  enablePageMeta: true,
});
