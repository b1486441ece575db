import type { RouteRecordRaw } from 'vue-router';

/** Inheritance (离职/在职继承): admins only, like the API. */
const routes: RouteRecordRaw[] = [
  {
    path: '/transfers',
    name: 'Transfers',
    component: () => import('#/views/transfers/index.vue'),
    meta: { title: 'transfers.menu', icon: 'Switch', order: 55, roles: ['admin'] },
  },
  {
    path: '/transfers/new',
    name: 'TransferPlan',
    component: () => import('#/views/transfers/plan.vue'),
    meta: { title: 'transfers.menu', hideInMenu: true, roles: ['admin'] },
  },
  {
    path: '/transfers/:id(\\d+)',
    name: 'TransferDetail',
    component: () => import('#/views/transfers/detail.vue'),
    meta: { title: 'transfers.menu', hideInMenu: true, roles: ['admin'] },
  },
];

export default routes;
