import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/customers',
    name: 'Customers',
    component: () => import('#/views/customers/list.vue'),
    meta: {
      title: 'menu.customers',
      icon: 'User',
      order: 10,
      roles: ['admin', 'manager', 'viewer'],
    },
  },
];

export default routes;
