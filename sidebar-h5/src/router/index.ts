import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

/**
 * Hash routes: the URL WeCom signs (everything before `#`) stays the same, so `ww.register`
 * signs once per page load.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/none' },
  {
    path: '/customer/:externalUserId',
    name: 'Customer',
    component: () => import('#/views/customer/index.vue'),
    props: true,
  },
  {
    path: '/group/:chatId',
    name: 'Group',
    component: () => import('#/views/group/index.vue'),
    props: true,
  },
  { path: '/none', name: 'None', component: () => import('#/views/status/none.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/none' },
];

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
