import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/dashboard',
    name: 'Dashboard',
    component: () => import('#/views/dashboard/index.vue'),
    meta: { title: 'Dashboard', order: 0 },
  },
];

export default routes;
