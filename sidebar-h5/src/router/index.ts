import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: (to) => ({ path: '/customer', query: to.query }) },
  {
    path: '/customer',
    name: 'Customer',
    component: () => import('#/views/customer/index.vue'),
    meta: { title: 'Customer profile' },
  },
  { path: '/:pathMatch(.*)*', redirect: '/customer' },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });
  router.afterEach((to) => {
    if (typeof to.meta.title === 'string') document.title = to.meta.title;
  });
  return router;
}
