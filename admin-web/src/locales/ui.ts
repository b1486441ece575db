/**
 * The shared list components' messages (components/paged-footer.vue, filter-bar.vue), merged
 * into zh-CN.ts and en.ts as `ui`. The English object is typed by the Chinese one.
 */
export const uiZhCN = {
  loadFailed: '加载失败，请检查网络后重试。',
  retry: '重试',
  previousPage: '上一页',
  nextPage: '下一页',
  pageN: '第 {n} 页',
};
