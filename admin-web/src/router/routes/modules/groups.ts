import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/groups',
    name: 'Groups',
    component: () => import('#/views/groups/list.vue'),
    meta: {
      title: 'menu.groups',
      icon: 'ChatDotRound',
      order: 40,
      roles: ['admin', 'manager', 'viewer'],
    },
  },
];

export default routes;
