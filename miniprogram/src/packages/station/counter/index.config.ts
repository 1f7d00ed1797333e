export default definePageConfig({
  navigationBarTitleText: '柜台兑换',
  enablePageMeta: true,
});
