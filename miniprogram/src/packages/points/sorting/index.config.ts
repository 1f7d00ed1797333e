export default definePageConfig({
  navigationBarTitleText: '这个怎么分',
  enablePageMeta: true,
});
